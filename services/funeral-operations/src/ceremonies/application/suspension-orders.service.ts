import { Injectable } from '@nestjs/common';
import { CEREMONY_KIND_LABELS, CeremoniesSuspendedV1, CeremonyKind, CeremonySuspensionLiftedV1 } from '@civil/contracts';
import { Clock, covers, deterministicId, DomainError } from '@civil/kernel';
import { outboxEntry, OutboxRelay } from '@civil/messaging';
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

const CAS_ATTEMPTS = 8;

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
    private readonly relay: OutboxRelay,
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
    const event = outboxEntry(
      CeremoniesSuspendedV1,
      {
        orderId: order.orderId,
        divisionCode: order.divisionCode,
        kinds: order.kinds,
        reason: order.reason,
        from: order.from.toISOString(),
        until: order.until?.toISOString() ?? null,
      },
      { time: now, id: deterministicId(CeremoniesSuspendedV1.type, order.orderId) },
    );
    if (await this.orders.insert(order, [event])) {
      this.relay.notifyWritten(SuspensionOrderRepository.COLLECTION, [{ docId: order.orderId, entries: [event] }]);
    } else {
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
    for (let attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
      const current = await this.orders.get(orderId);
      if (!current || !seesOrder(by, current.value)) throw orderNotFound(orderId);
      assertCovers(by, current.value.divisionCode);
      const now = this.clock.now();
      const next = liftOrder(current.value, by.sub, now);
      const event = outboxEntry(
        CeremonySuspensionLiftedV1,
        { orderId, divisionCode: next.divisionCode, kinds: next.kinds, liftedAt: now.toISOString() },
        { time: now, id: deterministicId(CeremonySuspensionLiftedV1.type, orderId) },
      );
      if (await this.orders.save(current.version, next, [event])) {
        this.relay.notifyWritten(SuspensionOrderRepository.COLLECTION, [{ docId: orderId, entries: [event] }]);
        return this.view(next, await this.affectedViews(next));
      }
    }
    throw DomainError.conflict('ConcurrentUpdate', `suspension order ${orderId} kept changing; try again`);
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
    for (let attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
      const current = (await this.orders.get(orderId))!;
      const order = current.value;
      const affected = bookingsAffectedBy(order, await this.bookings.candidates(order.divisionCode, order.kinds, order.from));
      await this.bookings.flagAffected(
        affected.map((b) => b.bookingId),
        orderId,
      );
      const ids = [...new Set([...order.affectedBookingIds, ...affected.map((b) => b.bookingId)])];
      const next: SuspensionOrder = { ...order, affectedBookingIds: ids };
      if (ids.length === order.affectedBookingIds.length || (await this.orders.save(current.version, next, [])))
        return this.view(next, await this.affectedViews(next));
    }
    throw DomainError.conflict('ConcurrentUpdate', `suspension order ${orderId} kept changing; send it again to finish`);
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
