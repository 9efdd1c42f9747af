import { Injectable, OnModuleInit } from '@nestjs/common';
import { HIDDEN_UNTIL_STARTED_MODES } from '@civil/contracts';
import { addDays, shanghaiInstant } from '@civil/kernel';
import { OutboxRelay } from '@civil/messaging';
import { AggregateStore, collectionOf, InjectDatabase, Versioned } from '@civil/persistence';
import type { Collection, Document } from 'mongodb';
import type { Connection } from 'mongoose';
import { InspectionChange, inspectionEvents } from '../application/inspection-integration-events.mapper';
import { Inspection } from '../domain/inspection';

/** What a read of a list leaves out: the store's fields beside the state. */
const HIDDEN = { outbox: 0, outboxLease: 0, writes: 0 } as const;

export interface InspectionQuery {
  jurisdiction: string;
  unitId?: string;
  planId?: string;
  status?: string;
  mode?: string;
  unitType?: string;
  /**
   * Only inspections a unit may know of (see visibleTo): the rule is part of the query, so a
   * page (limit/skip) or a count never reveals a visit still hidden from the unit.
   */
  knownToUnit?: boolean;
  /**
   * Only inspections whose day falls in the period (YYYY-MM-DD, both ends included, Asia/Shanghai):
   * a completed inspection by the day it was completed, any other by its scheduled day.
   */
  from?: string;
  to?: string;
}

/**
 * Inspections (`inspections`), one document per unit visit. Every change goes through `store`: a
 * compare-and-set on the version read, carrying the events it causes (the outbox the relay
 * publishes from); the rest are reads.
 */
@Injectable()
export class InspectionRepository implements OnModuleInit {
  static readonly COLLECTION = 'inspections';
  private readonly collection: Collection<Document>;
  readonly store: AggregateStore<Inspection, 'inspectionId', InspectionChange>;

  constructor(@InjectDatabase() connection: Connection, relay: OutboxRelay) {
    this.collection = collectionOf<Document>(connection, InspectionRepository.COLLECTION);
    this.store = new AggregateStore({
      collection: this.collection,
      idField: 'inspectionId',
      relay,
      events: inspectionEvents,
      noun: 'inspection',
    });
  }

  async onModuleInit(): Promise<void> {
    await this.store.ensureIndexes();
    // used by MongoDB; MongoDB-wire servers without secondary indexes scan instead
    await this.collection.createIndex({ divisionAncestors: 1 });
    await this.collection.createIndex({ issuesPending: 1 });
  }

  get(inspectionId: string): Promise<Versioned<Inspection> | undefined> {
    return this.store.get(inspectionId);
  }

  async getMany(ids: readonly string[]): Promise<Map<string, Inspection>> {
    const found = await this.store.getMany(ids);
    return new Map([...found].map(([id, { value }]) => [id, value]));
  }

  /** Inspections inside a jurisdiction, newest scheduled day first. */
  async list(q: InspectionQuery, limit: number, skip = 0): Promise<Inspection[]> {
    const filter = listFilter(q);
    const docs = await this.collection
      .find(filter, { projection: HIDDEN })
      .sort({ scheduledDate: -1, _id: 1 })
      .skip(skip)
      .limit(limit)
      .toArray();
    return docs.map(toInspection);
  }

  /** Completed inspections with a finding not yet opened as a rectification issue (an equality match on the flag). */
  async withIssuesPending(limit: number): Promise<Versioned<Inspection>[]> {
    const docs = await this.collection.find({ issuesPending: true }, { projection: HIDDEN }).sort({ _id: 1 }).limit(limit).toArray();
    return docs.map((d) => ({ value: toInspection(d), version: d.version as number }));
  }
}

function listFilter(q: InspectionQuery): Record<string, unknown> {
  const filter: Record<string, unknown> = { divisionAncestors: q.jurisdiction };
  for (const k of ['unitId', 'planId', 'status', 'mode', 'unitType'] as const) if (q[k]) filter[k] = q[k];
  const all: Record<string, unknown>[] = [];
  // the query form of visibleTo(): not (hidden mode and not yet started)
  if (q.knownToUnit) all.push({ $or: [{ mode: { $nin: [...HIDDEN_UNTIL_STARTED_MODES] } }, { status: { $ne: 'scheduled' } }] });
  if (q.from || q.to) {
    const completedAt: Record<string, Date> = {};
    const scheduledDate: Record<string, string> = {};
    if (q.from) {
      completedAt.$gte = shanghaiInstant(q.from, '00:00');
      scheduledDate.$gte = q.from;
    }
    if (q.to) {
      completedAt.$lt = shanghaiInstant(addDays(q.to, 1), '00:00');
      scheduledDate.$lte = q.to;
    }
    all.push({
      $or: [
        { status: 'completed', completedAt },
        { status: { $ne: 'completed' }, scheduledDate },
      ],
    });
  }
  if (all.length) filter.$and = all;
  return filter;
}

function toInspection(doc: Document): Inspection {
  const { _id, version: _v, ...rest } = doc;
  return { inspectionId: String(_id), ...rest } as Inspection;
}
