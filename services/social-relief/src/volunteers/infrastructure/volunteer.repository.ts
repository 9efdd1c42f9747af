import { Injectable, OnModuleInit } from '@nestjs/common';
import { OutboxRelay } from '@civil/messaging';
import { AggregateStore, collectionOf, InjectDatabase, noEvents, Versioned } from '@civil/persistence';
import type { Collection, Document } from 'mongodb';
import type { Connection } from 'mongoose';
import { Volunteer, VolunteerKind } from '../domain/volunteer';

/** Registered social organisations, social workers and volunteers (`volunteers`); they publish no events. */
@Injectable()
export class VolunteerRepository implements OnModuleInit {
  static readonly COLLECTION = 'volunteers';
  private readonly collection: Collection<Document>;
  readonly store: AggregateStore<Volunteer, 'volunteerId', never>;

  constructor(@InjectDatabase() connection: Connection, relay: OutboxRelay) {
    this.collection = collectionOf(connection, VolunteerRepository.COLLECTION);
    this.store = new AggregateStore({
      collection: this.collection,
      idField: 'volunteerId',
      relay,
      events: noEvents,
      noun: 'volunteer',
      registerWithRelay: false,
    });
  }

  async onModuleInit(): Promise<void> {
    await this.store.ensureIndexes();
    await this.collection.createIndex({ divisionAncestors: 1, kind: 1 });
  }

  get(volunteerId: string): Promise<Versioned<Volunteer> | undefined> {
    return this.store.get(volunteerId);
  }

  async within(divisionCode: string, kind: VolunteerKind | undefined, limit: number): Promise<Volunteer[]> {
    const docs = await this.collection
      .find(
        { divisionAncestors: divisionCode, ...(kind ? { kind } : {}) },
        { projection: { outbox: 0, outboxLease: 0, writes: 0, version: 0 } },
      )
      .sort({ registeredAt: -1 })
      .limit(limit)
      .toArray();
    return docs.map(({ _id, ...rest }) => ({ volunteerId: String(_id), ...rest }) as Volunteer);
  }
}
