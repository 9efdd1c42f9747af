import { Injectable, OnModuleInit } from '@nestjs/common';
import { HIDDEN_UNTIL_STARTED_MODES } from '@civil/contracts';
import { addDays, shanghaiInstant } from '@civil/kernel';
import type { OutboxEntry } from '@civil/messaging';
import { collectionOf, InjectDatabase, Versioned, VersionedDocuments } from '@civil/persistence';
import type { Collection, Document } from 'mongodb';
import type { Connection } from 'mongoose';
import { Inspection } from '../domain/inspection';

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
 * Inspections (`inspections`), one document per unit visit, written by compare-and-set with the
 * events each change causes in the same write (the outbox the relay publishes from).
 */
@Injectable()
export class InspectionRepository implements OnModuleInit {
  static readonly COLLECTION = 'inspections';
  private readonly collection: Collection<Document>;
  private readonly documents: VersionedDocuments<Inspection, 'inspectionId'>;

  constructor(@InjectDatabase() connection: Connection) {
    this.collection = collectionOf<Document>(connection, InspectionRepository.COLLECTION);
    this.documents = new VersionedDocuments(this.collection, 'inspectionId');
  }

  async onModuleInit(): Promise<void> {
    await this.documents.ensureIndexes();
    // used by MongoDB; MongoDB-wire servers without secondary indexes scan instead
    await this.collection.createIndex({ divisionAncestors: 1 });
    await this.collection.createIndex({ issuesPending: 1 });
  }

  /** Creates it with its first events; false if it exists (the same schedule was seen before). */
  insert(i: Inspection, events: OutboxEntry[]): Promise<boolean> {
    return this.documents.insert(i, events);
  }

  save(loaded: Versioned<Inspection>, next: Inspection, events: OutboxEntry[]): Promise<boolean> {
    return this.documents.save(loaded.version, next, events);
  }

  get(inspectionId: string): Promise<Versioned<Inspection> | undefined> {
    return this.documents.get(inspectionId);
  }

  getMany(ids: readonly string[]): Promise<Map<string, Inspection>> {
    return this.documents.getMany(ids);
  }

  /** Inspections inside a jurisdiction, newest scheduled day first. */
  async list(q: InspectionQuery, limit: number, skip = 0): Promise<Inspection[]> {
    const filter = listFilter(q);
    const docs = await this.collection
      .find(filter, { projection: { outbox: 0, outboxLease: 0 } })
      .sort({ scheduledDate: -1, _id: 1 })
      .skip(skip)
      .limit(limit)
      .toArray();
    return docs.map(toInspection);
  }

  /** Completed inspections with a finding not yet opened as a rectification issue (an equality match on the flag). */
  async withIssuesPending(limit: number): Promise<Versioned<Inspection>[]> {
    const docs = await this.collection
      .find({ issuesPending: true }, { projection: { outbox: 0, outboxLease: 0 } })
      .sort({ _id: 1 })
      .limit(limit)
      .toArray();
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
