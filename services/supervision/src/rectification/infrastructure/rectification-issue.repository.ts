import { Injectable, OnModuleInit } from '@nestjs/common';
import { OutboxEntry, OutboxRelay } from '@civil/messaging';
import { AggregateStore, collectionOf, InjectDatabase, Versioned } from '@civil/persistence';
import type { Collection } from 'mongodb';
import type { Connection } from 'mongoose';
import { IssueChange, issueEvents } from '../application/issue-integration-events.mapper';
import { RectificationIssue } from '../domain/rectification-issue';
import { SummaryRow } from '../domain/issue-summary';

type IssueDoc = Omit<RectificationIssue, 'issueId'> & { _id: string; version: number; outbox: OutboxEntry[] };

export type LoadedIssue = Versioned<RectificationIssue>;

/** What a read of a list leaves out: the store's fields beside the state. */
const HIDDEN = { outbox: 0, outboxLease: 0, writes: 0 } as const;

export interface IssueListFilter {
  jurisdiction: string;
  unitId?: string;
  status?: string;
  inspectionId?: string;
  /** Only issues past their due day and not signed off, as of this Shanghai day. */
  overdueAsOf?: string;
}

/**
 * Issues (`rectification_issues`), one document each with its notices, evidence, revisits and
 * history. Every change goes through `store`: a compare-and-set on the version read, carrying its
 * events (outbox); the rest are reads.
 */
@Injectable()
export class RectificationIssueRepository implements OnModuleInit {
  static readonly COLLECTION = 'rectification_issues';
  private readonly collection: Collection<IssueDoc>;
  readonly store: AggregateStore<RectificationIssue, 'issueId', IssueChange>;

  constructor(@InjectDatabase() connection: Connection, relay: OutboxRelay) {
    this.collection = collectionOf<IssueDoc>(connection, RectificationIssueRepository.COLLECTION);
    this.store = new AggregateStore({
      collection: collectionOf(connection, RectificationIssueRepository.COLLECTION),
      idField: 'issueId',
      relay,
      events: issueEvents,
      noun: 'issue',
    });
  }

  async onModuleInit(): Promise<void> {
    await this.store.ensureIndexes();
    // used by MongoDB; MongoDB-wire servers without secondary indexes scan instead
    await this.collection.createIndex({ sweepDue: 1 });
    await this.collection.createIndex({ divisionAncestors: 1, status: 1 });
  }

  get(issueId: string): Promise<LoadedIssue | undefined> {
    return this.store.get(issueId);
  }

  /** Ids of the issues whose watched due day ended before `today` (not signed off, not reported for that day). */
  async dueForOverdue(today: string, limit: number): Promise<string[]> {
    const docs = await this.collection
      .find({ sweepDue: { $lt: today } }, { projection: { _id: 1 } })
      .limit(limit)
      .toArray();
    return docs.map((d) => d._id);
  }

  async list(filter: IssueListFilter, limit: number, skip: number): Promise<RectificationIssue[]> {
    const q: Record<string, unknown> = { divisionAncestors: filter.jurisdiction };
    if (filter.unitId) q.unitId = filter.unitId;
    if (filter.status) q.status = filter.status;
    if (filter.inspectionId) q.inspectionId = filter.inspectionId;
    if (filter.overdueAsOf) {
      if (filter.status === 'signed-off') return [];
      if (!filter.status) q.status = { $ne: 'signed-off' };
      q.dueDate = { $lt: filter.overdueAsOf };
    }
    const docs = await this.collection.find(q, { projection: HIDDEN }).sort({ openedAt: -1 }).skip(skip).limit(limit).toArray();
    return docs.map(toIssue);
  }

  /** Status and due day of every issue in a division (and unit), for counting. */
  async summaryRows(divisionCode: string, unitId?: string): Promise<SummaryRow[]> {
    const q: Record<string, unknown> = { divisionAncestors: divisionCode };
    if (unitId) q.unitId = unitId;
    return this.collection.find(q, { projection: { _id: 0, divisionCode: 1, status: 1, dueDate: 1 } }).toArray() as Promise<SummaryRow[]>;
  }
}

function toIssue(doc: IssueDoc): RectificationIssue {
  const { _id, version: _v, outbox: _o, ...rest } = doc;
  return { issueId: _id, ...rest } as RectificationIssue;
}
