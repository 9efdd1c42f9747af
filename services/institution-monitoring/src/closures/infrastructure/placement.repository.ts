import { Injectable, OnModuleInit } from '@nestjs/common';
import { OutboxRelay } from '@civil/messaging';
import { AggregateStore, collectionOf, InjectDatabase } from '@civil/persistence';
import type { Collection, Document, Filter } from 'mongodb';
import type { Connection } from 'mongoose';
import { Placement, PlacementChange, PlacementStatus } from '../domain/placement';
import { placementEvents } from './placement.integration-events';

/** `placements`: one document per adoption placement or return to the family. */
@Injectable()
export class PlacementRepository implements OnModuleInit {
  static readonly COLLECTION = 'placements';
  readonly store: AggregateStore<Placement, 'placementRef', PlacementChange>;
  private readonly collection: Collection<Document>;

  constructor(@InjectDatabase() connection: Connection, relay: OutboxRelay) {
    this.collection = collectionOf(connection, PlacementRepository.COLLECTION);
    this.store = new AggregateStore({
      collection: this.collection,
      idField: 'placementRef',
      relay,
      events: placementEvents,
      noun: 'placement',
    });
  }

  async onModuleInit(): Promise<void> {
    await this.store.ensureIndexes();
    await this.collection.createIndex({ unitId: 1, status: 1, _id: 1 });
  }

  async get(placementRef: string): Promise<Placement | undefined> {
    return (await this.store.get(placementRef))?.value;
  }

  /** Refs of the unit's placements in a status, in ref order after `after` (a page of a cursor walk). */
  async refsOf(unitId: string, status: PlacementStatus, after: string | null, limit: number): Promise<string[]> {
    const filter = { unitId, status, ...(after ? { _id: { $gt: after } } : {}) } as Filter<Document>;
    const docs = await this.collection
      .find(filter, { projection: { _id: 1 } })
      .sort({ _id: 1 })
      .limit(limit)
      .toArray();
    return docs.map((d) => String(d._id));
  }

  async ofUnit(unitId: string, status?: PlacementStatus): Promise<Placement[]> {
    const docs = await this.collection
      .find({ unitId, ...(status ? { status } : {}) }, { projection: { _id: 1 } })
      .sort({ _id: 1 })
      .limit(1_000)
      .toArray();
    const found = await this.store.getMany(docs.map((d) => String(d._id)));
    return [...found.values()].map((v) => v.value);
  }
}
