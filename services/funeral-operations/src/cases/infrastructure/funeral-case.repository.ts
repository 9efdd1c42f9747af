import { Injectable, OnModuleInit } from '@nestjs/common';
import type { FuneralCaseStatus } from '@civil/contracts';
import { OutboxRelay } from '@civil/messaging';
import { AggregateStore, collectionOf, InjectDatabase, Versioned } from '@civil/persistence';
import type { Collection, Document } from 'mongodb';
import type { Connection } from 'mongoose';
import { FuneralCase } from '../domain/funeral-case';
import { FuneralCaseChange, funeralCaseEvents } from '../application/funeral-case-events';

/** `funeral_cases`: one document per case with its custody log, FuneralCaseMoved in its outbox. */
@Injectable()
export class FuneralCaseRepository implements OnModuleInit {
  static readonly COLLECTION = 'funeral_cases';
  private readonly collection: Collection<Document>;
  /** Every write of a case. */
  readonly store: AggregateStore<FuneralCase, 'caseId', FuneralCaseChange>;

  constructor(@InjectDatabase() connection: Connection, relay: OutboxRelay) {
    this.collection = collectionOf(connection, FuneralCaseRepository.COLLECTION);
    this.store = new AggregateStore({
      collection: this.collection,
      idField: 'caseId',
      relay,
      events: funeralCaseEvents,
      noun: 'funeral case',
    });
  }

  async onModuleInit(): Promise<void> {
    await this.store.ensureIndexes();
  }

  get(caseId: string): Promise<Versioned<FuneralCase> | undefined> {
    return this.store.get(caseId);
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
      .find(q, { projection: { outbox: 0, outboxLease: 0, writes: 0, version: 0 } })
      .sort({ createdAt: 1 })
      .limit(limit)
      .toArray();
    return docs.map(({ _id, ...rest }) => ({ caseId: String(_id), ...rest }) as FuneralCase);
  }
}
