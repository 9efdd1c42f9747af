import { DomainError, shanghaiDate } from '@civil/kernel';
import { Institution } from './institution';

/**
 * Closed management (封闭管理). While a unit is closed, nobody new comes in: no admissions, no
 * visits, and residents out on leave are not taken back (they wait outside until it reopens).
 * Nobody goes out either (入住的服务对象不离院外出, seed 002), except on an approved medical
 * outing (确因身体原因需外出看病的人员,经批准同意后), whose return is taken in — into 14 days of
 * isolation like any return (确需返院的,需进行隔离观察).
 */
export type Arrival = 'admission' | 'visit' | 'return-from-leave';

const ARRIVAL_LABELS: Record<Arrival, string> = {
  admission: 'new admissions (新收住)',
  visit: 'visits (探视)',
  'return-from-leave': 'returns from leave (请假返院)',
};

export function isClosed(unit: Pick<Institution, 'status'>): boolean {
  return unit.status === 'closed';
}

/** Refuses an arrival at a closed unit, naming the order that closed it. */
export function assertAcceptsArrival(unit: Pick<Institution, 'unitId' | 'status' | 'closure'>, arrival: Arrival): void {
  if (unit.status !== 'closed') return;
  const order = unit.closure?.orderId ?? 'unknown';
  throw DomainError.conflict(
    'UnitClosed',
    `unit ${unit.unitId} is under closed management (封闭管理) by order ${order}: ${ARRIVAL_LABELS[arrival]} are refused until it reopens`,
    { unitId: unit.unitId, orderId: order, rule: 'closed-management', arrival },
  );
}

/** Refuses a resident's departure from a closed unit, unless it is a medical outing (外出看病). */
export function assertAllowsDeparture(unit: Pick<Institution, 'unitId' | 'status' | 'closure'>, purpose: 'medical' | 'personal'): void {
  if (unit.status !== 'closed' || purpose === 'medical') return;
  const order = unit.closure?.orderId ?? 'unknown';
  throw DomainError.conflict(
    'UnitClosed',
    `unit ${unit.unitId} is under closed management (封闭管理) by order ${order}: residents do not go out (不离院外出) until it reopens, except on an approved medical outing (外出看病)`,
    { unitId: unit.unitId, orderId: order, rule: 'closed-management', departure: purpose },
  );
}

export function closeUnit(
  unit: Institution,
  order: { orderId: string; reason: string; regionOrderId: string | null },
  by: string,
  now: Date,
): Institution {
  if (unit.status === 'closed') {
    throw DomainError.conflict('AlreadyClosed', `unit ${unit.unitId} is already closed by order ${unit.closure?.orderId}`, {
      orderId: unit.closure?.orderId,
    });
  }
  if (!unit.active) throw DomainError.conflict('UnitInactive', `unit ${unit.unitId} is no longer active`);
  return {
    ...unit,
    status: 'closed',
    closure: { orderId: order.orderId, reason: order.reason, regionOrderId: order.regionOrderId, closedAt: now, closedBy: by },
  };
}

export function reopenUnit(unit: Institution, reopenOrderId: string, by: string, now: Date): { unit: Institution; closedDays: number } {
  if (unit.status !== 'closed' || !unit.closure) {
    throw DomainError.conflict('NotClosed', `unit ${unit.unitId} is not under closed management; only a closed unit can reopen`, {
      status: unit.status,
    });
  }
  const closure = { ...unit.closure, reopenedAt: now, reopenedBy: by, reopenOrderId };
  const closedDays = Math.round((Date.parse(shanghaiDate(now)) - Date.parse(shanghaiDate(unit.closure.closedAt))) / 86_400_000);
  return { unit: { ...unit, status: 'reopened', closure }, closedDays };
}
