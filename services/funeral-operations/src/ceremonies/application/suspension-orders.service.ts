import { Injectable } from '@nestjs/common';
import { CEREMONY_KIND_LABELS, CeremonyKind } from '@civil/contracts';
import { Clock, covers, DomainError } from '@civil/kernel';
import { assertCovers, InjectClock, isUnitScoped, Principal } from '@civil/platform';
import {
  bookingsAffectedBy,
  CeremonyBooking,
  effectiveEnd,
  liftOrder,
  newOrder,
  ORDER_STATUS_LABELS,
  orderStatus,
  sameTerms,
  SuspensionOrder,
} from '../domain/ceremony-suspension';
import { CeremonyBookingRepository, SuspensionOrderRepository } from '../infrastructure/ceremony.repositories';
import { CeremonyBookingsService } from './ceremony-bookings.service';

/** Unknown, or out of the caller's sight: the same answer. */
const orderNotFound = (orderId: string) => DomainError.notFound('OrderNotFound', `no ceremony suspension order ${orderId}`, { orderId });

/** An order is seen inside the division it was issued for (it applies there) and above it. */
const seesOrder = (by: Principal, order: SuspensionOrder) =>
  covers(by.jurisdiction, order.divisionCode) || covers(order.divisionCode, by.jurisdiction);

/** Ceremony suspension orders per region, issued and lifted by county (or wider) officers. */
@Injectable()
export class SuspensionOrdersService {
  constructor(
    private readonly orders: SuspensionOrderRepository,
    private readonly bookings: CeremonyBookingRepository,
    private readonly bookingViews: CeremonyBookingsService,
    @InjectClock() private readonly clock: Clock,
  ) {}

  /**
   * Issues the order (CeremoniesSuspended) and flags the bookings already made inside it.
   * Re-sending the same order finishes the flagging without a second event; the same id with
   * other terms is 409.
   */
  async issue(
    input: { orderId: string; divisionCode: string; kinds: CeremonyKind[]; reason: string; from: Date | null; until: Date | null },
    by: Principal,
  ) {
    assertCovers(by, input.divisionCode);
    const now = this.clock.now();
    const order = newOrder({ ...input, from: input.from ?? now }, by.sub, now);
    if (!(await this.orders.store.create(order, [{ type: 'issued', at: now }]))) {
      const existing = (await this.orders.get(order.orderId))!.value;
      if (!sameTerms(existing, order) || existing.liftedAt) {
        throw DomainError.conflict('OrderIdTaken', `suspension order ${order.orderId} already exists with other terms or has been lifted`, {
          orderId: order.orderId,
        });
      }
    }
    return this.flagBookings(order.orderId);
  }

  async lift(orderId: string, by: Principal) {
    const notFound = () => orderNotFound(orderId);
    const { state } = await this.orders.store.change(
      orderId,
      (current) => {
        if (!seesOrder(by, current)) throw notFound();
        assertCovers(by, current.divisionCode);
        const now = this.clock.now();
        return { next: liftOrder(current, by.sub, now), changes: [{ type: 'lifted', at: now }] };
      },
      notFound,
    );
    return this.view(state, await this.affectedViews(state));
  }

  /**
   * One order, for a caller whose jurisdiction either contains the order's division (issued inside
   * it) or lies inside it (the order applies there); to anyone else it is unknown (404). Only the affected bookings
   * inside the caller's jurisdiction are shown (a home's staff: their own home's).
   */
  async get(orderId: string, by: Principal) {
    const order = (await this.orders.get(orderId))?.value;
    if (!order || !seesOrder(by, order)) throw orderNotFound(orderId);
    return this.view(order, await this.affectedViews(order, by));
  }

  /** Orders that apply to the division (issued for it or a division containing it) or were issued inside it. */
  async list(divisionCode: string | undefined, by: Principal) {
    const code = divisionCode ?? by.jurisdiction;
    assertCovers(by, code);
    return (await this.orders.relevantTo(code)).map((o) => this.view(o, null));
  }

  private async flagBookings(orderId: string) {
    const order = (await this.orders.get(orderId))!.value;
    const affected = bookingsAffectedBy(order, await this.bookings.candidates(order.divisionCode, order.kinds, order.from));
    // the bookings first (idempotent): a crash before the order records them is finished by sending it again
    await this.bookings.flagAffected(
      affected.map((b) => b.bookingId),
      orderId,
    );
    const { state } = await this.orders.store.change(
      orderId,
      (current) => {
        const ids = [...new Set([...current.affectedBookingIds, ...affected.map((b) => b.bookingId)])];
        return ids.length === current.affectedBookingIds.length
          ? undefined
          : { next: { ...current, affectedBookingIds: ids }, changes: [] };
      },
      () => orderNotFound(orderId),
    );
    return this.view(state, await this.affectedViews(state));
  }

  /** The affected bookings, masked; for a caller, only those inside their jurisdiction (a home's staff: their own home's). */
  private async affectedViews(order: SuspensionOrder, by?: Principal) {
    const found = await this.bookings.getMany(order.affectedBookingIds);
    const visible = (b: CeremonyBooking) =>
      !by || (covers(by.jurisdiction, b.divisionCode) && (!isUnitScoped(by) || b.homeId === by.unitId));
    return [...found.values()].filter(visible).map((b) => this.bookingViews.view(b));
  }

  private view(o: SuspensionOrder, affected: unknown[] | null) {
    const status = orderStatus(o, this.clock.now());
    return {
      orderId: o.orderId,
      divisionCode: o.divisionCode,
      kinds: o.kinds,
      kindLabels: o.kinds.map((k) => CEREMONY_KIND_LABELS[k]),
      reason: o.reason,
      from: o.from.toISOString(),
      until: o.until?.toISOString() ?? null,
      endsAt: effectiveEnd(o)?.toISOString() ?? null,
      status,
      statusLabel: ORDER_STATUS_LABELS[status],
      issuedBy: o.issuedBy,
      issuedAt: o.issuedAt.toISOString(),
      liftedAt: o.liftedAt?.toISOString() ?? null,
      liftedBy: o.liftedBy,
      affectedBookingIds: o.affectedBookingIds,
      ...(affected ? { affectedBookings: affected } : {}),
    };
  }
}
