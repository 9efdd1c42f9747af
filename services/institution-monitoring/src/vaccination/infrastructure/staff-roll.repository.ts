import { Injectable, OnModuleInit } from '@nestjs/common';
import { OutboxRelay } from '@civil/messaging';
import { AggregateStore, collectionOf, InjectDatabase, Versioned } from '@civil/persistence';
import type { Collection } from 'mongodb';
import type { Connection } from 'mongoose';
import { staffRollEvents } from '../application/staff-roll-events';
import { StaffRoll, StaffRollChange } from '../domain/staff-roll';

/**
 * `staff_rolls`: one document per roll (a unit's, or a civil-affairs office department's), members
 * embedded with their names only encrypted; the not-cleared signal goes into its outbox.
 */
@Injectable()
export class StaffRollRepository implements OnModuleInit {
  static readonly COLLECTION = 'staff_rolls';
  private readonly collection: Collection<{ _id: string }>;
  /** Every write of a roll. */
  readonly store: AggregateStore<StaffRoll, 'rollId', StaffRollChange>;

  constructor(@InjectDatabase() connection: Connection, relay: OutboxRelay) {
    this.collection = collectionOf(connection, StaffRollRepository.COLLECTION);
    this.store = new AggregateStore({
      collection: collectionOf(connection, StaffRollRepository.COLLECTION),
      idField: 'rollId',
      relay,
      events: staffRollEvents,
      noun: 'staff roll',
    });
  }

  async onModuleInit(): Promise<void> {
    await this.store.ensureIndexes();
  }

  async get(rollId: string): Promise<Versioned<StaffRoll> | undefined> {
    return this.store.get(rollId);
  }

  /** Ids of every roll, a page at a time (the clearance sweep reads each page in bulk). */
  async *rollIds(pageSize = 1_000): AsyncGenerator<string[]> {
    const cursor = this.collection
      .find({}, { projection: { _id: 1 } })
      .sort({ _id: 1 })
      .batchSize(pageSize);
    let page: string[] = [];
    try {
      for await (const d of cursor) {
        page.push(d._id);
        if (page.length === pageSize) {
          yield page;
          page = [];
        }
      }
      if (page.length) yield page;
    } finally {
      await cursor.close();
    }
  }
}
