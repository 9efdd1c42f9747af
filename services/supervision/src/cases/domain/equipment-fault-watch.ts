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
  /** While `opening`: until when the claiming sweep holds it; after that another sweep may take it over. */
  claimedUntil?: Date;
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
