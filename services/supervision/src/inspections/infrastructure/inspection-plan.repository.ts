import { Injectable, OnModuleInit } from '@nestjs/common';
import { collectionOf, InjectDatabase, isDuplicateKeyError } from '@civil/persistence';
import type { Collection, Document } from 'mongodb';
import type { Connection } from 'mongoose';
import { InspectionPlan } from '../domain/inspection-plan';

/**
 * Rounds of inspections (`inspection_plans`); written once, after its inspections (so a plan never
 * names an inspection that does not exist), and the inspections carry what changes.
 */
@Injectable()
export class InspectionPlanRepository implements OnModuleInit {
  static readonly COLLECTION = 'inspection_plans';
  private readonly collection: Collection<Document>;

  constructor(@InjectDatabase() connection: Connection) {
    this.collection = collectionOf<Document>(connection, InspectionPlanRepository.COLLECTION);
  }

  async onModuleInit(): Promise<void> {
    await this.collection.createIndex({ divisionAncestors: 1 });
  }

  /** false if a plan with this id exists already. */
  async insert(plan: InspectionPlan): Promise<boolean> {
    const { planId, ...rest } = plan;
    try {
      await this.collection.insertOne({ _id: planId as never, ...rest });
      return true;
    } catch (e) {
      if (isDuplicateKeyError(e)) return false;
      throw e;
    }
  }

  async get(planId: string): Promise<InspectionPlan | undefined> {
    const doc = await this.collection.findOne({ _id: planId as never });
    return doc ? toPlan(doc) : undefined;
  }

  /** Plans by id, newest period first. */
  async getMany(planIds: readonly string[]): Promise<InspectionPlan[]> {
    if (!planIds.length) return [];
    const docs = await this.collection
      .find({ _id: { $in: [...planIds] as never[] } })
      .sort({ periodStart: -1, _id: 1 })
      .toArray();
    return docs.map(toPlan);
  }

  /** Plans inside a jurisdiction. */
  async list(q: { jurisdiction: string; mode?: string }, limit: number): Promise<InspectionPlan[]> {
    const filter: Record<string, unknown> = { divisionAncestors: q.jurisdiction };
    if (q.mode) filter.mode = q.mode;
    const docs = await this.collection.find(filter).sort({ periodStart: -1, _id: 1 }).limit(limit).toArray();
    return docs.map(toPlan);
  }
}

function toPlan(doc: Document): InspectionPlan {
  const { _id, ...rest } = doc;
  return { planId: String(_id), ...rest } as InspectionPlan;
}
