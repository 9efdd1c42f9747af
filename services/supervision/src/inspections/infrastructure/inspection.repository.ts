import { Injectable, OnModuleInit } from '@nestjs/common';
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

  /** Inspections inside a jurisdiction (visibility to units is decided by the caller). */
  async list(q: InspectionQuery, limit: number, skip = 0): Promise<Inspection[]> {
    const filter: Record<string, unknown> = { divisionAncestors: q.jurisdiction };
    for (const k of ['unitId', 'planId', 'status', 'mode', 'unitType'] as const) if (q[k]) filter[k] = q[k];
    const docs = await this.collection.find(filter, { projection: { outbox: 0, outboxLease: 0 } }).sort({ scheduledDate: -1, _id: 1 }).skip(skip).limit(limit).toArray();
    return docs.map(toInspection);
  }
}

function toInspection(doc: Document): Inspection {
  const { _id, version: _v, ...rest } = doc;
  return { inspectionId: String(_id), ...rest } as Inspection;
}
