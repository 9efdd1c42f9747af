import { Injectable, OnModuleInit } from '@nestjs/common';
import type { ApplicationKind, ApplicationStatus, ApplicationStep } from '@civil/contracts';
import { OutboxRelay } from '@civil/messaging';
import { AggregateStore, collectionOf, InjectDatabase, Versioned } from '@civil/persistence';
import type { Collection, Document, Filter } from 'mongodb';
import type { Connection } from 'mongoose';
import { ApplicationChange, applicationEvents } from '../application/application-events';
import { Application } from '../domain/application';

export interface ApplicationQuery {
  /** Division the caller may see (matched against the stored enclosing divisions). */
  jurisdiction: string;
  status?: ApplicationStatus;
  kind?: ApplicationKind;
  /** Only those waiting on a step due at or before this instant. */
  dueBy?: Date;
  /** Only those not past their step's limit at this instant (still waiting, or finished). */
  notDueBy?: Date;
  limit: number;
}

/** Relief applications (`applications`), one document each with its outbox; writes go through `store`. */
/** Documents a sweep's cursor fetches at a time. */
const PAGE = 1_000;

@Injectable()
export class ApplicationRepository implements OnModuleInit {
  static readonly COLLECTION = 'applications';
  private readonly collection: Collection<Document>;
  /** Every write of an application, with the events of its transitions. */
  readonly store: AggregateStore<Application, 'applicationId', ApplicationChange>;

  constructor(@InjectDatabase() connection: Connection, relay: OutboxRelay) {
    this.collection = collectionOf(connection, ApplicationRepository.COLLECTION);
    this.store = new AggregateStore({
      collection: this.collection,
      idField: 'applicationId',
      relay,
      events: applicationEvents,
      noun: 'application',
    });
  }

  async onModuleInit(): Promise<void> {
    await this.store.ensureIndexes();
  }

  get(applicationId: string): Promise<Versioned<Application> | undefined> {
    return this.store.get(applicationId);
  }

  /** A listing (a scan: acceptable for listings on this database), newest first. */
  async list(q: ApplicationQuery): Promise<Application[]> {
    const filter: Filter<Document> = { divisionAncestors: q.jurisdiction };
    if (q.status) filter.status = q.status;
    if (q.kind) filter.kind = q.kind;
    if (q.dueBy) filter.stepDueAt = { $lte: q.dueBy };
    if (q.notDueBy) filter.$or = [{ stepDueAt: null }, { stepDueAt: { $gt: q.notDueBy } }];
    const docs = await this.collection
      .find(filter, { projection: { outbox: 0, outboxLease: 0, writes: 0, version: 0 } })
      .sort({ submittedAt: -1 })
      .limit(q.limit)
      .toArray();
    return docs.map(({ _id, ...rest }) => ({ applicationId: String(_id), ...rest }) as Application);
  }

  /** Ids of applications whose current step is due by `now` and not yet reported overdue, from one cursor (a region's are never held at once). */
  async *overdueCandidates(now: Date): AsyncGenerator<string> {
    const cursor = this.collection.find({ stepDueAt: { $lte: now } }, { projection: { step: 1, overdueSteps: 1 } }).batchSize(PAGE);
    try {
      for await (const d of cursor) if (d.step && !(d.overdueSteps as ApplicationStep[] | undefined)?.includes(d.step)) yield String(d._id);
    } finally {
      await cursor.close();
    }
  }

  /** Ids of approved applications whose household enrolment has not been done yet, from one cursor. */
  async *pendingEnrolments(): AsyncGenerator<string> {
    const cursor = this.collection.find({ 'enrolment.pending': true }, { projection: { _id: 1 } }).batchSize(PAGE);
    try {
      for await (const d of cursor) yield String(d._id);
    } finally {
      await cursor.close();
    }
  }
}
