import { Injectable, OnModuleInit } from '@nestjs/common';
import { OutboxRelay } from '@civil/messaging';
import { AggregateStore, collectionOf, InjectDatabase, Versioned } from '@civil/persistence';
import type { Collection, Document } from 'mongodb';
import type { Connection } from 'mongoose';
import { SelfInspectionCampaign } from '../domain/self-inspection-campaign';
import { SelfInspectionChange, selfInspectionEvents } from './self-inspection-campaign.integration-events';

const HIDDEN = { outbox: 0, outboxLease: 0, writes: 0, version: 0 } as const;

/** Self-inspection campaigns (`self_inspection_campaigns`), one document each with every peer's task; written through `store`. */
@Injectable()
export class SelfInspectionCampaignRepository implements OnModuleInit {
  private readonly collection: Collection<Document>;
  readonly store: AggregateStore<SelfInspectionCampaign, 'campaignId', SelfInspectionChange>;

  constructor(@InjectDatabase() connection: Connection, relay: OutboxRelay) {
    this.collection = collectionOf<Document>(connection, 'self_inspection_campaigns');
    this.store = new AggregateStore({
      collection: this.collection,
      idField: 'campaignId',
      relay,
      events: selfInspectionEvents,
      noun: 'self-inspection campaign',
    });
  }

  async onModuleInit(): Promise<void> {
    await this.store.ensureIndexes();
    await this.collection.createIndex({ nextDueDate: 1 });
    await this.collection.createIndex({ divisionAncestors: 1, launchedAt: -1 });
    await this.collection.createIndex({ peerUnitIds: 1 });
  }

  get(id: string): Promise<Versioned<SelfInspectionCampaign> | undefined> {
    return this.store.get(id);
  }

  /** Campaigns with a task still owed whose due day is before `today` (the sweep's work), after a cursor. */
  async dueBefore(today: string, limit: number, afterId?: string): Promise<string[]> {
    const q: Record<string, unknown> = { nextDueDate: { $ne: null, $lt: today } };
    if (afterId) q._id = { $gt: afterId };
    const docs = await this.collection
      .find(q, { projection: { _id: 1 } })
      .sort({ _id: 1 })
      .limit(limit)
      .toArray();
    return docs.map((d) => String(d._id));
  }

  /** Campaigns of a jurisdiction, or those that sent a task to one unit, newest first. */
  async list(q: { jurisdiction?: string; peerUnitId?: string; inspectionId?: string }, limit: number, skip: number) {
    const filter: Record<string, unknown> = {};
    if (q.jurisdiction) filter.divisionAncestors = q.jurisdiction;
    if (q.peerUnitId) filter.peerUnitIds = q.peerUnitId;
    if (q.inspectionId) filter.inspectionId = q.inspectionId;
    const docs = await this.collection
      .find(filter, { projection: HIDDEN })
      .sort({ launchedAt: -1, _id: 1 })
      .skip(skip)
      .limit(limit)
      .toArray();
    return docs.map(({ _id, ...rest }) => ({ campaignId: String(_id), ...rest }) as SelfInspectionCampaign);
  }
}
