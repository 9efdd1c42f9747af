import { Injectable, OnModuleInit } from '@nestjs/common';
import { OutboxRelay } from '@civil/messaging';
import { AggregateStore, collectionOf, InjectDatabase, noEvents, Versioned } from '@civil/persistence';
import type { Collection, Document } from 'mongodb';
import type { Connection } from 'mongoose';
import { FuneralHome } from '../domain/funeral-home';

/** Funeral homes (`funeral_homes`), each with its equipment, extension orders and staff. */
@Injectable()
export class FuneralHomeRepository implements OnModuleInit {
  static readonly COLLECTION = 'funeral_homes';
  private readonly collection: Collection<Document>;
  /** Every write of a home (its changes publish nothing; the relay still watches the collection, as it always has). */
  readonly store: AggregateStore<FuneralHome, 'homeId', never>;

  constructor(@InjectDatabase() connection: Connection, relay: OutboxRelay) {
    this.collection = collectionOf(connection, FuneralHomeRepository.COLLECTION);
    this.store = new AggregateStore({
      collection: this.collection,
      idField: 'homeId',
      relay,
      events: noEvents,
      noun: 'funeral home',
      registerWithRelay: false,
    });
  }

  async onModuleInit(): Promise<void> {
    await this.store.ensureIndexes();
  }

  get(homeId: string): Promise<Versioned<FuneralHome> | undefined> {
    return this.store.get(homeId);
  }

  /** Homes inside a division (a scan; there are few homes). */
  async inRegion(divisionCode: string): Promise<FuneralHome[]> {
    const docs = await this.collection
      .find({ divisionAncestors: divisionCode }, { projection: { outbox: 0, outboxLease: 0, writes: 0, version: 0 } })
      .sort({ _id: 1 })
      .toArray();
    return docs.map(({ _id, ...rest }) => ({ homeId: String(_id), ...rest }) as FuneralHome);
  }

  async all(): Promise<FuneralHome[]> {
    const docs = await this.collection.find({}, { projection: { outbox: 0, outboxLease: 0, writes: 0, version: 0 } }).toArray();
    return docs.map(({ _id, ...rest }) => ({ homeId: String(_id), ...rest }) as FuneralHome);
  }
}
