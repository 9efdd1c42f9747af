import { Injectable, OnModuleInit } from '@nestjs/common';
import { collectionOf, InjectDatabase } from '@civil/persistence';
import type { Collection, Document } from 'mongodb';
import type { Connection } from 'mongoose';
import { InspectionPlan } from '../domain/inspection-plan';

/** Rounds of inspections (`inspection_plans`); written once, the inspections carry what changes. */
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

  async insert(plan: InspectionPlan): Promise<void> {
    const { planId, ...rest } = plan;
    await this.collection.insertOne({ _id: planId as never, ...rest });
  }

  async get(planId: string): Promise<InspectionPlan | undefined> {
    const doc = await this.collection.findOne({ _id: planId as never });
    return doc ? toPlan(doc) : undefined;
  }

  /** Plans inside a jurisdiction, or naming one unit. */
  async list(q: { jurisdiction: string; unitId?: string; mode?: string }, limit: number): Promise<InspectionPlan[]> {
    const filter: Record<string, unknown> = { divisionAncestors: q.jurisdiction };
    if (q.unitId) filter['units.unitId'] = q.unitId;
    if (q.mode) filter.mode = q.mode;
    const docs = await this.collection.find(filter).sort({ periodStart: -1, _id: 1 }).limit(limit).toArray();
    return docs.map(toPlan);
  }
}

function toPlan(doc: Document): InspectionPlan {
  const { _id, ...rest } = doc;
  return { planId: String(_id), ...rest } as InspectionPlan;
}
