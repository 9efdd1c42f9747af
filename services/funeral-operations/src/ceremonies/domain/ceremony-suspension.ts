import { CEREMONY_KIND_LABELS, CeremonyKind } from '@civil/contracts';
import { covers, divisionAncestors, DomainError } from '@civil/kernel';

/**
 * Ceremony suspension orders (暂停守灵、遗体告别、祭祀等殡仪服务): per region (division code),
 * some ceremony kinds are suspended from a time until an end time or until lifted.
 *
 * Rules where the sources are silent (chosen here):
 * - An order covers every home whose division code lies inside the order's division, for its
 *   kinds, over [from, end) where end is the earlier of `until` and the time it was lifted.
 * - A booking covers [startsAt, endsAt); it is refused when any covering order overlaps it.
 * - Bookings made before an order that falls inside it are not cancelled but flagged `affected`
 *   (the home contacts the family); lifting the order leaves them flagged: the family re-books
 *   (or the home confirms) rather than a ceremony silently coming back.
 * - Lifting an order that has not started yet withdraws it; lifting a lifted or expired order is 409.
 */
export const ORDER_STATUSES = ['scheduled', 'in-force', 'lifted', 'expired'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
export const ORDER_STATUS_LABELS: Record<OrderStatus, string> = {
  scheduled: '待生效',
  'in-force': '生效中',
  lifted: '已解除',
  expired: '已到期',
};

export const BOOKING_STATUSES = ['booked', 'affected'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];
export const BOOKING_STATUS_LABELS: Record<BookingStatus, string> = { booked: '已预约', affected: '受暂停令影响（待联系家属）' };

export { CEREMONY_KIND_LABELS };

export interface SuspensionOrder {
  orderId: string;
  divisionCode: string;
  divisionAncestors: string[];
  kinds: CeremonyKind[];
  reason: string;
  from: Date;
  until: Date | null;
  liftedAt: Date | null;
  liftedBy: string | null;
  issuedBy: string;
  issuedAt: Date;
  /** Bookings made before the order that fall inside it. */
  affectedBookingIds: string[];
}

export interface CeremonyBooking {
  bookingId: string;
  homeId: string;
  divisionCode: string;
  divisionAncestors: string[];
  kind: CeremonyKind;
  startsAt: Date;
  endsAt: Date;
  hall: string;
  caseId: string | null;
  /** Encrypted (FieldCipher); shown masked. */
  familyContact: { name: string; phone: string };
  status: BookingStatus;
  affectedByOrderIds: string[];
  bookedBy: string;
  bookedAt: Date;
}

/** The last instant (exclusive) the order is in force; null while open-ended. */
export function effectiveEnd(order: Pick<SuspensionOrder, 'until' | 'liftedAt'>): Date | null {
  const ends = [order.until, order.liftedAt].filter((d): d is Date => d !== null);
  return ends.length ? new Date(Math.min(...ends.map((d) => d.getTime()))) : null;
}

export function orderStatus(order: SuspensionOrder, now: Date): OrderStatus {
  if (order.liftedAt && order.liftedAt.getTime() <= now.getTime()) return 'lifted';
  if (order.until && order.until.getTime() <= now.getTime()) return 'expired';
  return order.from.getTime() > now.getTime() ? 'scheduled' : 'in-force';
}

/** Whether the order suspends `kind` at a home in `divisionCode` at any time in [from, to). */
export function suspends(order: SuspensionOrder, divisionCode: string, kind: CeremonyKind, from: Date, to: Date): boolean {
  if (!order.kinds.includes(kind) || !covers(order.divisionCode, divisionCode)) return false;
  const end = effectiveEnd(order);
  return order.from.getTime() < to.getTime() && (end === null || from.getTime() < end.getTime());
}

export function newOrder(
  input: { orderId: string; divisionCode: string; kinds: CeremonyKind[]; reason: string; from: Date; until: Date | null },
  by: string,
  now: Date,
): SuspensionOrder {
  if (input.divisionCode.length > 9)
    throw DomainError.invalid('DivisionTooFine', 'a suspension order covers a township or wider: divisionCode has at most 9 digits', {
      field: 'divisionCode',
    });
  if (input.until && input.until.getTime() <= input.from.getTime())
    throw DomainError.invalid('InvalidPeriod', 'until must be after from', { field: 'until' });
  const kinds = [...new Set(input.kinds)].sort() as CeremonyKind[];
  return {
    ...input,
    kinds,
    divisionAncestors: divisionAncestors(input.divisionCode),
    liftedAt: null,
    liftedBy: null,
    issuedBy: by,
    issuedAt: now,
    affectedBookingIds: [],
  };
}

/** Re-sending the same order is a no-op; the same id with other terms is a conflict. */
export function sameTerms(a: SuspensionOrder, b: SuspensionOrder): boolean {
  return (
    a.divisionCode === b.divisionCode &&
    a.kinds.join() === b.kinds.join() &&
    a.reason === b.reason &&
    a.from.getTime() === b.from.getTime() &&
    (a.until?.getTime() ?? null) === (b.until?.getTime() ?? null)
  );
}

export function liftOrder(order: SuspensionOrder, by: string, now: Date): SuspensionOrder {
  const status = orderStatus(order, now);
  if (status === 'lifted')
    throw DomainError.conflict(
      'AlreadyLifted',
      `suspension order ${order.orderId} was already lifted at ${order.liftedAt?.toISOString()}`,
      { orderId: order.orderId },
    );
  if (status === 'expired')
    throw DomainError.conflict('OrderExpired', `suspension order ${order.orderId} already ended at ${order.until?.toISOString()}`, {
      orderId: order.orderId,
    });
  return { ...order, liftedAt: now, liftedBy: by };
}

/** The refusal of a booking under an order: 409 naming the order. */
export function suspendedError(order: SuspensionOrder, kind: CeremonyKind): DomainError {
  const end = effectiveEnd(order);
  return DomainError.conflict(
    'CeremonySuspended',
    `${CEREMONY_KIND_LABELS[kind]} (${kind}) is suspended by order ${order.orderId} for division ${order.divisionCode} from ${order.from.toISOString()}${end ? ` until ${end.toISOString()}` : ' until lifted'}: ${order.reason}`,
    { orderId: order.orderId, divisionCode: order.divisionCode, kind },
  );
}

export const MAX_CEREMONY_HOURS = 72;

export function checkBookingTimes(startsAt: Date, endsAt: Date, now: Date): void {
  if (endsAt.getTime() <= startsAt.getTime())
    throw DomainError.invalid('InvalidPeriod', 'endsAt must be after startsAt', { field: 'endsAt' });
  if (endsAt.getTime() - startsAt.getTime() > MAX_CEREMONY_HOURS * 3_600_000)
    throw DomainError.invalid('TooLong', `a ceremony lasts at most ${MAX_CEREMONY_HOURS} hours`, { field: 'endsAt' });
  if (startsAt.getTime() < now.getTime()) throw DomainError.invalid('InThePast', 'startsAt must not be in the past', { field: 'startsAt' });
}

/** Bookings an order newly affects: booked, of its kinds, in its region, overlapping its period. */
export function bookingsAffectedBy(order: SuspensionOrder, bookings: readonly CeremonyBooking[]): CeremonyBooking[] {
  return bookings.filter(
    (b) => !b.affectedByOrderIds.includes(order.orderId) && suspends(order, b.divisionCode, b.kind, b.startsAt, b.endsAt),
  );
}
