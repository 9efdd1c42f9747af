import { Injectable, OnModuleInit } from '@nestjs/common';
import { OutboxRelay } from '@civil/messaging';
import { AggregateStore, collectionOf, InjectDatabase, noEvents } from '@civil/persistence';
import type { Collection, Document } from 'mongodb';
import type { Connection } from 'mongoose';
import { InspectionPlan } from '../domain/inspection-plan';

/** What a read of a list leaves out: the store's fields beside the state. */
const HIDDEN = { outbox: 0, outboxLease: 0, writes: 0, version: 0 } as const;

/**
 * Rounds of inspections (`inspection_plans`); written once through `store`, after its inspections
 * (so a plan never names an inspection that does not exist), and the inspections carry what
 * changes. A round publishes nothing itself.
 */
@Injectable()
export class InspectionPlanRepository implements OnModuleInit {
  static readonly COLLECTION = 'inspection_plans';
  private readonly collection: Collection<Document>;
  /** Creates a round (false if one with its id exists already). */
  readonly store: AggregateStore<InspectionPlan, 'planId', never>;

  constructor(@InjectDatabase() connection: Connection, relay: OutboxRelay) {
    this.collection = collectionOf<Document>(connection, InspectionPlanRepository.COLLECTION);
    this.store = new AggregateStore({
      collection: this.collection,
      idField: 'planId',
      relay,
      events: noEvents,
      noun: 'inspection round',
      registerWithRelay: false,
    });
  }

  async onModuleInit(): Promise<void> {
    // rounds written before they were versioned: version 0, so the store's compare-and-set finds them
    await this.collection.updateMany({ version: { $exists: false } }, { $set: { version: 0 } });
    await this.store.ensureIndexes();
    await this.collection.createIndex({ divisionAncestors: 1 });
  }

  async get(planId: string): Promise<InspectionPlan | undefined> {
    return (await this.store.get(planId))?.value;
  }

  /** Plans by id, newest period first. */
  async getMany(planIds: readonly string[]): Promise<InspectionPlan[]> {
    if (!planIds.length) return [];
    const docs = await this.collection
      .find({ _id: { $in: [...planIds] as never[] } }, { projection: HIDDEN })
      .sort({ periodStart: -1, _id: 1 })
      .toArray();
    return docs.map(toPlan);
  }

  /** Plans inside a jurisdiction. */
  async list(q: { jurisdiction: string; mode?: string }, limit: number): Promise<InspectionPlan[]> {
    const filter: Record<string, unknown> = { divisionAncestors: q.jurisdiction };
    if (q.mode) filter.mode = q.mode;
    const docs = await this.collection.find(filter, { projection: HIDDEN }).sort({ periodStart: -1, _id: 1 }).limit(limit).toArray();
    return docs.map(toPlan);
  }
}

function toPlan(doc: Document): InspectionPlan {
  const { _id, ...rest } = doc;
  return { planId: String(_id), ...rest } as InspectionPlan;
}
