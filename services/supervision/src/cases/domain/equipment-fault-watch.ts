import type { EquipmentFaultReported, EquipmentKind, EquipmentRepaired } from '@civil/contracts';

/**
 * A reported equipment fault supervision watches (设备故障督办): a fault is the funeral home's to
 * fix; only one still unrepaired past the region's limit becomes a case.
 */
export interface EquipmentFaultWatch {
  faultId: string;
  equipmentId: string;
  kind: EquipmentKind;
  homeId: string;
  divisionCode: string;
  reportedAt: Date;
  limitHours: number;
  /** When the fault becomes a case unless repaired. */
  dueAt: Date;
  /** `opening`: claimed by a sweep that is opening the case (a crash leaves it for the next sweep). */
  status: 'watching' | 'repaired' | 'opening' | 'case-opened';
  /** The EquipmentFaultReported event, for the evidence chain and the flow of the case it opens. */
  source: { id: string; source: string; type?: string; correlationId: string; traceparent?: string };
  /** While `opening`: until when the claiming sweep holds it; after that another sweep may take it over (null once the case is open). */
  claimedUntil?: Date | null;
  /** A repair that arrived while the case was being opened: the sweep resolves the case with it. */
  repair?: { source: EquipmentFaultWatch['source']; data: EquipmentRepaired };
}

export function watchFault(e: EquipmentFaultReported, limitHours: number, source: EquipmentFaultWatch['source']): EquipmentFaultWatch {
  const reportedAt = new Date(e.reportedAt);
  return {
    faultId: e.faultId,
    equipmentId: e.equipmentId,
    kind: e.kind,
    homeId: e.homeId,
    divisionCode: e.divisionCode,
    reportedAt,
    limitHours,
    dueAt: new Date(reportedAt.getTime() + limitHours * 3_600_000),
    status: 'watching',
    source,
  };
}

/** Past its limit and still unrepaired (a repair exactly at the limit is in time). */
export function isUnrepairedPastLimit(w: EquipmentFaultWatch, now: Date): boolean {
  return w.status === 'watching' && now.getTime() > w.dueAt.getTime();
}

/**
 * Claims the watch for opening its case: a watching one past its limit, or one whose claimer
 * stopped before finishing (its lease ran out). Undefined if another sweep holds it.
 */
export function claimWatch(w: EquipmentFaultWatch, now: Date, leaseMs: number): EquipmentFaultWatch | undefined {
  const free =
    (w.status === 'watching' && w.dueAt.getTime() < now.getTime()) ||
    (w.status === 'opening' && !!w.claimedUntil && w.claimedUntil.getTime() < now.getTime());
  return free ? { ...w, status: 'opening', claimedUntil: new Date(now.getTime() + leaseMs) } : undefined;
}

/** Repaired in time: the watch ends without a case. Undefined if a sweep had claimed it. */
export function repairInTime(w: EquipmentFaultWatch): EquipmentFaultWatch | undefined {
  return w.status === 'watching' ? { ...w, status: 'repaired' } : undefined;
}

/** Leaves a repair for the sweep that is opening the case. Undefined if the case is open already. */
export function leaveRepair(w: EquipmentFaultWatch, repair: NonNullable<EquipmentFaultWatch['repair']>): EquipmentFaultWatch | undefined {
  return w.status === 'opening' ? { ...w, repair } : undefined;
}

/** The case is open; undefined if a repair was left meanwhile (the sweep resolves the case with it). */
export function caseOpened(w: EquipmentFaultWatch): EquipmentFaultWatch | undefined {
  return w.status === 'opening' && !w.repair ? settleOpened(w) : undefined;
}

/** The case is open (and resolved with the repair left on the watch, if there was one). */
export function settleOpened(w: EquipmentFaultWatch): EquipmentFaultWatch {
  return { ...w, status: 'case-opened', claimedUntil: null };
}
