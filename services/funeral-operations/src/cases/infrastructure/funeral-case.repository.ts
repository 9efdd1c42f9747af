import { Injectable, OnModuleInit } from '@nestjs/common';
import type { FuneralCaseStatus } from '@civil/contracts';
import type { OutboxEntry } from '@civil/messaging';
import { collectionOf, InjectDatabase, Versioned, VersionedDocuments } from '@civil/persistence';
import type { Collection, Document } from 'mongodb';
import type { Connection } from 'mongoose';
import { FuneralCase } from '../domain/funeral-case';

/** `funeral_cases`: one document per case with its custody log, FuneralCaseMoved in its outbox. */
@Injectable()
export class FuneralCaseRepository implements OnModuleInit {
  static readonly COLLECTION = 'funeral_cases';
  private readonly collection: Collection<Document>;
  private readonly documents: VersionedDocuments<FuneralCase, 'caseId'>;

  constructor(@InjectDatabase() connection: Connection) {
    this.collection = collectionOf(connection, FuneralCaseRepository.COLLECTION);
    this.documents = new VersionedDocuments(this.collection, 'caseId');
  }

  async onModuleInit(): Promise<void> {
    await this.documents.ensureIndexes();
  }

  get(caseId: string): Promise<Versioned<FuneralCase> | undefined> {
    return this.documents.get(caseId);
  }

  /** False when a case with this id exists (a redelivered intake). */
  insert(c: FuneralCase, events: OutboxEntry[]): Promise<boolean> {
    return this.documents.insert(c, events);
  }

  save(version: number, next: FuneralCase, events: OutboxEntry[]): Promise<boolean> {
    return this.documents.save(version, next, events);
  }

  /** Cases for a view (a scan: views only, never a hot path). */
  async list(
    filter: { jurisdiction: string; homeId?: string; status?: FuneralCaseStatus; unassigned?: boolean },
    limit: number,
  ): Promise<FuneralCase[]> {
    const q: Document = { divisionAncestors: filter.jurisdiction };
    if (filter.homeId) q.homeId = filter.homeId;
    if (filter.unassigned) q.homeId = null;
    if (filter.status) q.status = filter.status;
    const docs = await this.collection
      .find(q, { projection: { outbox: 0, outboxLease: 0, version: 0 } })
      .sort({ createdAt: 1 })
      .limit(limit)
      .toArray();
    return docs.map(({ _id, ...rest }) => ({ caseId: String(_id), ...rest }) as FuneralCase);
  }
}
