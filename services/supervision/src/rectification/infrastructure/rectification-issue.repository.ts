import { Injectable, OnModuleInit } from '@nestjs/common';
import type { OutboxEntry } from '@civil/messaging';
import { collectionOf, InjectDatabase, Versioned, VersionedDocuments } from '@civil/persistence';
import type { Collection } from 'mongodb';
import type { Connection } from 'mongoose';
import { RectificationIssue } from '../domain/rectification-issue';
import { SummaryRow } from '../domain/issue-summary';

type IssueDoc = Omit<RectificationIssue, 'issueId'> & { _id: string; version: number; outbox: OutboxEntry[] };

export type LoadedIssue = Versioned<RectificationIssue>;

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
 * history. Every change is a compare-and-set on the version read, carrying its events (outbox).
 */
@Injectable()
export class RectificationIssueRepository implements OnModuleInit {
  static readonly COLLECTION = 'rectification_issues';
  private readonly collection: Collection<IssueDoc>;
  private readonly documents: VersionedDocuments<RectificationIssue, 'issueId'>;

  constructor(@InjectDatabase() connection: Connection) {
    this.collection = collectionOf<IssueDoc>(connection, RectificationIssueRepository.COLLECTION);
    this.documents = new VersionedDocuments(this.collection as never, 'issueId');
  }

  async onModuleInit(): Promise<void> {
    await this.documents.ensureIndexes();
    // used by MongoDB; MongoDB-wire servers without secondary indexes scan instead
    await this.collection.createIndex({ sweepDue: 1 });
    await this.collection.createIndex({ divisionAncestors: 1, status: 1 });
  }

  /** False if an issue with this id exists (the same finding was opened before). */
  create(issue: RectificationIssue, events: OutboxEntry[]): Promise<boolean> {
    return this.documents.insert(issue, events);
  }

  save(loaded: LoadedIssue, events: OutboxEntry[]): Promise<boolean> {
    return this.documents.save(loaded.version, loaded.value, events);
  }

  get(issueId: string): Promise<LoadedIssue | undefined> {
    return this.documents.get(issueId);
  }

  /** Issues whose watched due day ended before `today` (not signed off, not reported for that day). */
  async dueForOverdue(today: string, limit: number): Promise<LoadedIssue[]> {
    const docs = await this.collection
      .find({ sweepDue: { $lt: today } }, { projection: { outbox: 0, outboxLease: 0 } })
      .limit(limit)
      .toArray();
    return docs.map(toLoaded);
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
    const docs = await this.collection
      .find(q, { projection: { outbox: 0, outboxLease: 0 } })
      .sort({ openedAt: -1 })
      .skip(skip)
      .limit(limit)
      .toArray();
    return docs.map((d) => toLoaded(d).value);
  }

  /** Status and due day of every issue in a division (and unit), for counting. */
  async summaryRows(divisionCode: string, unitId?: string): Promise<SummaryRow[]> {
    const q: Record<string, unknown> = { divisionAncestors: divisionCode };
    if (unitId) q.unitId = unitId;
    return this.collection.find(q, { projection: { _id: 0, divisionCode: 1, status: 1, dueDate: 1 } }).toArray() as Promise<SummaryRow[]>;
  }
}

function toLoaded(doc: IssueDoc): LoadedIssue {
  const { _id, version, outbox: _o, ...rest } = doc as IssueDoc & { outboxLease?: unknown };
  delete (rest as { outboxLease?: unknown }).outboxLease;
  return { value: { issueId: _id, ...rest } as RectificationIssue, version };
}
