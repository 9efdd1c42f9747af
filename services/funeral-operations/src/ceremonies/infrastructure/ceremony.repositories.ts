import { Injectable, OnModuleInit } from '@nestjs/common';
import type { CeremonyKind } from '@civil/contracts';
import { divisionAncestors } from '@civil/kernel';
import { OutboxRelay } from '@civil/messaging';
import { AggregateStore, collectionOf, InjectDatabase, noEvents, Versioned } from '@civil/persistence';
import type { Collection, Document } from 'mongodb';
import type { Connection } from 'mongoose';
import { CeremonyBooking, SuspensionOrder } from '../domain/ceremony-suspension';
import { FuneralIncident } from '../domain/funeral-incident';
import { SuspensionOrderChange, suspensionOrderEvents } from '../application/suspension-order-events';

const HIDDEN = { outbox: 0, outboxLease: 0, writes: 0, version: 0 } as const;

function values<T>(docs: Document[], idField: string): T[] {
  return docs.map(({ _id, ...rest }) => ({ [idField]: String(_id), ...rest }) as T);
}

/** Ceremony suspension orders (`ceremony_orders`, id = order id), with their events. */
@Injectable()
export class SuspensionOrderRepository implements OnModuleInit {
  static readonly COLLECTION = 'ceremony_orders';
  private readonly collection: Collection<Document>;
  /** Every write of an order. */
  readonly store: AggregateStore<SuspensionOrder, 'orderId', SuspensionOrderChange>;

  constructor(@InjectDatabase() connection: Connection, relay: OutboxRelay) {
    this.collection = collectionOf(connection, SuspensionOrderRepository.COLLECTION);
    this.store = new AggregateStore({
      collection: this.collection,
      idField: 'orderId',
      relay,
      events: suspensionOrderEvents,
      noun: 'suspension order',
    });
  }

  async onModuleInit(): Promise<void> {
    await this.store.ensureIndexes();
  }

  get(orderId: string): Promise<Versioned<SuspensionOrder> | undefined> {
    return this.store.get(orderId);
  }

  /** Orders issued for the division or any division containing it (a scan; orders are few). */
  async covering(divisionCode: string, kind?: CeremonyKind): Promise<SuspensionOrder[]> {
    const q: Document = { divisionCode: { $in: divisionAncestors(divisionCode) } };
    if (kind) q.kinds = kind;
    return values<SuspensionOrder>(
      await this.collection.find(q, { projection: HIDDEN }).sort({ issuedAt: 1, _id: 1 }).toArray(),
      'orderId',
    );
  }

  /** Orders covering the division, and orders issued inside it. */
  async relevantTo(divisionCode: string): Promise<SuspensionOrder[]> {
    const q = { $or: [{ divisionCode: { $in: divisionAncestors(divisionCode) } }, { divisionAncestors: divisionCode }] };
    return values<SuspensionOrder>(
      await this.collection.find(q, { projection: HIDDEN }).sort({ issuedAt: 1, _id: 1 }).toArray(),
      'orderId',
    );
  }
}

/** Ceremony bookings at homes (`ceremony_bookings`); family contact encrypted. No events. */
@Injectable()
export class CeremonyBookingRepository implements OnModuleInit {
  static readonly COLLECTION = 'ceremony_bookings';
  private readonly collection: Collection<Document>;
  /** Every write of a booking but the bulk flagging below (bookings publish nothing). */
  readonly store: AggregateStore<CeremonyBooking, 'bookingId', never>;

  constructor(@InjectDatabase() connection: Connection, relay: OutboxRelay) {
    this.collection = collectionOf(connection, CeremonyBookingRepository.COLLECTION);
    this.store = new AggregateStore({
      collection: this.collection,
      idField: 'bookingId',
      relay,
      events: noEvents,
      noun: 'ceremony booking',
      registerWithRelay: false,
    });
  }

  async onModuleInit(): Promise<void> {
    await this.store.ensureIndexes();
  }

  async remove(bookingId: string): Promise<void> {
    await this.collection.deleteOne({ _id: bookingId as never });
  }

  async getMany(ids: readonly string[]): Promise<Map<string, CeremonyBooking>> {
    return new Map([...(await this.store.getMany(ids))].map(([id, v]) => [id, v.value]));
  }

  /** A home's bookings (a scan, for the home's list). */
  async atHome(homeId: string): Promise<CeremonyBooking[]> {
    return values<CeremonyBooking>(
      await this.collection.find({ homeId }, { projection: HIDDEN }).sort({ startsAt: 1 }).toArray(),
      'bookingId',
    );
  }

  /** Bookings of some kinds inside a division ending after an instant (a scan, when an order is issued). */
  async candidates(divisionCode: string, kinds: readonly CeremonyKind[], endingAfter: Date): Promise<CeremonyBooking[]> {
    const docs = await this.collection
      .find({ divisionAncestors: divisionCode, kind: { $in: [...kinds] }, endsAt: { $gt: endingAfter } }, { projection: HIDDEN })
      .toArray();
    return values<CeremonyBooking>(docs, 'bookingId');
  }

  /** Flags bookings as affected by an order (by key). */
  async flagAffected(bookingIds: readonly string[], orderId: string): Promise<void> {
    if (!bookingIds.length) return;
    await this.collection.updateMany(
      { _id: { $in: [...bookingIds] as never[] } },
      { $set: { status: 'affected' }, $addToSet: { affectedByOrderIds: orderId }, $inc: { version: 1 } },
    );
  }
}

/** Incidents such as a tent funeral (`funeral_incidents`). No events. */
@Injectable()
export class FuneralIncidentRepository implements OnModuleInit {
  static readonly COLLECTION = 'funeral_incidents';
  private readonly collection: Collection<Document>;
  /** Every write of an incident (incidents publish nothing). */
  readonly store: AggregateStore<FuneralIncident, 'incidentId', never>;

  constructor(@InjectDatabase() connection: Connection, relay: OutboxRelay) {
    this.collection = collectionOf(connection, FuneralIncidentRepository.COLLECTION);
    this.store = new AggregateStore({
      collection: this.collection,
      idField: 'incidentId',
      relay,
      events: noEvents,
      noun: 'incident',
      registerWithRelay: false,
    });
  }

  async onModuleInit(): Promise<void> {
    await this.store.ensureIndexes();
  }

  get(id: string): Promise<Versioned<FuneralIncident> | undefined> {
    return this.store.get(id);
  }

  async inJurisdiction(jurisdiction: string, status?: string): Promise<FuneralIncident[]> {
    const q: Document = { divisionAncestors: jurisdiction };
    if (status) q.status = status;
    return values<FuneralIncident>(
      await this.collection.find(q, { projection: HIDDEN }).sort({ occurredAt: 1, _id: 1 }).limit(1_000).toArray(),
      'incidentId',
    );
  }
}
