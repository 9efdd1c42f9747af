import type { PlacementKind, UnitType } from '@civil/contracts';
import { DomainError, isLocalDate } from '@civil/kernel';

/**
 * Placements out of a unit that closed management stops (seed 002): a child welfare home stops
 * placing children for adoption (暂时停止送养工作), a relief station stops returning rescued people
 * to their families (暂停流浪乞讨人员送返寻亲). While the unit is closed a new request is refused;
 * one already scheduled is held, and scheduled again when the unit reopens.
 *
 * scheduled → on-hold (the unit closed) → scheduled (it reopened)
 * scheduled → carried-out | cancelled;  on-hold → cancelled
 */
export type PlacementStatus = 'scheduled' | 'on-hold' | 'carried-out' | 'cancelled';

/** Which unit type carries out which placement. */
export const PLACEMENT_UNIT_TYPE: Record<PlacementKind, UnitType> = {
  'adoption-placement': 'child-welfare-home',
  'family-return': 'relief-station',
};

export const PLACEMENT_KIND_LABELS: Record<PlacementKind, string> = {
  'adoption-placement': '送养',
  'family-return': '送返寻亲',
};

export const PLACEMENT_STATUS_LABELS: Record<PlacementStatus, string> = {
  scheduled: '已安排 (scheduled)',
  'on-hold': '封闭管理期间暂停 (on hold)',
  'carried-out': '已完成 (carried out)',
  cancelled: '已取消 (cancelled)',
};

export interface Hold {
  closureOrderId: string;
  heldAt: Date;
  resumedAt?: Date;
  reopenOrderId?: string;
}

export interface Placement {
  placementRef: string;
  unitId: string;
  unitType: UnitType;
  divisionCode: string;
  divisionAncestors: string[];
  kind: PlacementKind;
  /** The child or rescued person, as the unit's own record refers to them (never published). */
  subjectRef: string;
  scheduledDate: string;
  status: PlacementStatus;
  requestedAt: Date;
  requestedBy: string;
  /** Every hold, the current one last. */
  holds: Hold[];
  carriedOutAt?: Date;
  cancellation?: { at: Date; by: string; reason: string };
}

export type PlacementChange = { type: 'held'; at: Date } | { type: 'resumed'; at: Date };

type UnitState = { unitId: string; unitType: UnitType; status: string; closure: { orderId: string } | null };

function closedRefusal(unit: UnitState, kind: PlacementKind, action: string): DomainError {
  const order = unit.closure?.orderId ?? 'unknown';
  return DomainError.conflict(
    'UnitClosed',
    `unit ${unit.unitId} is under closed management (封闭管理) by order ${order}: ${PLACEMENT_KIND_LABELS[kind]} (${kind}) ${action} until it reopens (暂停${PLACEMENT_KIND_LABELS[kind]})`,
    { unitId: unit.unitId, orderId: order, rule: 'closed-management', placement: kind },
  );
}

export interface RequestPlacement {
  placementRef: string;
  kind: PlacementKind;
  subjectRef: string;
  scheduledDate: string;
}

/** Schedules a placement; refused while the unit is closed, at a unit of the wrong type, or for a past day. */
export function requestPlacement(
  unit: UnitState & { divisionCode: string; divisionAncestors: string[] },
  input: RequestPlacement,
  today: string,
  by: string,
  now: Date,
): Placement {
  if (PLACEMENT_UNIT_TYPE[input.kind] !== unit.unitType) {
    throw DomainError.conflict(
      'PlacementNotOffered',
      `${input.kind} (${PLACEMENT_KIND_LABELS[input.kind]}) is carried out by a ${PLACEMENT_UNIT_TYPE[input.kind]}; unit ${unit.unitId} is a ${unit.unitType}`,
      { rule: 'unit-type', unitType: unit.unitType, kind: input.kind },
    );
  }
  if (unit.status === 'closed') throw closedRefusal(unit, input.kind, 'is not taken');
  if (!isLocalDate(input.scheduledDate))
    throw DomainError.invalid('InvalidDate', 'scheduledDate must be YYYY-MM-DD', { field: 'scheduledDate' });
  if (input.scheduledDate < today) {
    throw DomainError.invalid('ScheduledInPast', `scheduledDate ${input.scheduledDate} is before today (${today})`, {
      field: 'scheduledDate',
    });
  }
  return {
    placementRef: input.placementRef,
    unitId: unit.unitId,
    unitType: unit.unitType,
    divisionCode: unit.divisionCode,
    divisionAncestors: unit.divisionAncestors,
    kind: input.kind,
    subjectRef: input.subjectRef,
    scheduledDate: input.scheduledDate,
    status: 'scheduled',
    requestedAt: now,
    requestedBy: by,
    holds: [],
  };
}

/** The unit closed: a scheduled placement waits; anything else is left as it is (undefined). */
export function holdPlacement(
  p: Placement,
  closureOrderId: string,
  now: Date,
): { next: Placement; changes: PlacementChange[] } | undefined {
  if (p.status !== 'scheduled') return undefined;
  return { next: { ...p, status: 'on-hold', holds: [...p.holds, { closureOrderId, heldAt: now }] }, changes: [{ type: 'held', at: now }] };
}

/** The unit reopened: a held placement is scheduled again, on its day. */
export function resumePlacement(
  p: Placement,
  reopenOrderId: string,
  now: Date,
): { next: Placement; changes: PlacementChange[] } | undefined {
  if (p.status !== 'on-hold') return undefined;
  const holds = p.holds.map((h, i) => (i === p.holds.length - 1 ? { ...h, resumedAt: now, reopenOrderId } : h));
  return { next: { ...p, status: 'scheduled', holds }, changes: [{ type: 'resumed', at: now }] };
}

/** The placement took place: only a scheduled one, and never while the unit is closed. */
export function carryOut(p: Placement, unit: UnitState, now: Date): Placement {
  if (unit.status === 'closed') throw closedRefusal(unit, p.kind, 'is not carried out');
  if (p.status !== 'scheduled') {
    throw DomainError.conflict(
      'PlacementNotScheduled',
      `placement ${p.placementRef} is ${p.status}; only a scheduled placement is carried out`,
      {
        status: p.status,
      },
    );
  }
  return { ...p, status: 'carried-out', carriedOutAt: now };
}

export function cancelPlacement(p: Placement, reason: string, by: string, now: Date): Placement {
  if (p.status !== 'scheduled' && p.status !== 'on-hold') {
    throw DomainError.conflict('PlacementNotScheduled', `placement ${p.placementRef} is ${p.status}; it can no longer be cancelled`, {
      status: p.status,
    });
  }
  return { ...p, status: 'cancelled', cancellation: { at: now, by, reason } };
}

export function placementView(p: Placement) {
  const { divisionAncestors: _ancestors, ...rest } = p;
  return { ...rest, kindLabel: PLACEMENT_KIND_LABELS[p.kind], statusLabel: PLACEMENT_STATUS_LABELS[p.status] };
}
