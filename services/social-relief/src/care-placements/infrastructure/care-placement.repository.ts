import { Injectable, OnModuleInit } from '@nestjs/common';
import { OutboxRelay } from '@civil/messaging';
import { AggregateStore, collectionOf, InjectDatabase, Versioned } from '@civil/persistence';
import type { Collection, Document, Filter } from 'mongodb';
import type { Connection } from 'mongoose';
import { carePlacementEvents } from '../application/care-placement-events';
import { CarePlacement, CarePlacementChange, PlacementStatus } from '../domain/care-placement';

/** Documents a cursor fetches at a time. */
const PAGE = 1_000;
const HIDDEN = { outbox: 0, outboxLease: 0, writes: 0, version: 0 };

export interface PlacementQuery {
  jurisdiction: string;
  status?: PlacementStatus;
  entryId?: string;
  limit: number;
}

/** Care placements (`care_placements`, `_id` = placement id), each with its outbox; writes go through `store`. */
@Injectable()
export class CarePlacementRepository implements OnModuleInit {
  static readonly COLLECTION = 'care_placements';
  private readonly collection: Collection<Document>;
  readonly store: AggregateStore<CarePlacement, 'placementId', CarePlacementChange>;

  constructor(@InjectDatabase() connection: Connection, relay: OutboxRelay) {
    this.collection = collectionOf(connection, CarePlacementRepository.COLLECTION);
    this.store = new AggregateStore({
      collection: this.collection,
      idField: 'placementId',
      relay,
      events: carePlacementEvents,
      noun: 'placement',
    });
  }

  async onModuleInit(): Promise<void> {
    await this.store.ensureIndexes();
    await this.collection.createIndex({ status: 1, dueAt: 1 });
    await this.collection.createIndex({ divisionAncestors: 1, openedAt: 1 });
  }

  get(placementId: string): Promise<Versioned<CarePlacement> | undefined> {
    return this.store.get(placementId);
  }

  /** Placements of a jurisdiction, newest first. */
  async list(q: PlacementQuery): Promise<CarePlacement[]> {
    const filter: Filter<Document> = { divisionAncestors: q.jurisdiction };
    if (q.status) filter.status = q.status;
    if (q.entryId) filter.entryId = q.entryId;
    const docs = await this.collection.find(filter, { projection: HIDDEN }).sort({ openedAt: -1 }).limit(q.limit).toArray();
    return docs.map(({ _id, ...rest }) => ({ placementId: String(_id), ...rest }) as CarePlacement);
  }

  /** Ids of children still waiting past their limit and not yet found overdue, from one cursor (never all held at once). */
  async *overdueCandidates(now: Date): AsyncGenerator<string> {
    const cursor = this.collection
      .find({ status: { $in: ['needed', 'requested'] }, dueAt: { $lt: now }, overdueAt: null }, { projection: { _id: 1 } })
      .batchSize(PAGE);
    try {
      for await (const d of cursor) yield String(d._id);
    } finally {
      await cursor.close();
    }
  }
}
