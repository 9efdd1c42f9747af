import { Injectable, OnModuleInit } from '@nestjs/common';
import { OutboxRelay } from '@civil/messaging';
import { AggregateStore, collectionOf, InjectDatabase, Versioned } from '@civil/persistence';
import type { Collection, Document, Filter } from 'mongodb';
import type { Connection } from 'mongoose';
import { hotlineCallEvents } from '../application/hotline-call-events';
import { FiguresRow } from '../domain/call-figures';
import { CallStatus, Hotline, HotlineCall, HotlineCallChange } from '../domain/hotline-call';

/** Documents a cursor fetches at a time. */
const PAGE = 1_000;
const HIDDEN = { outbox: 0, outboxLease: 0, writes: 0, version: 0 };

export interface CallQuery {
  jurisdiction: string;
  line?: Hotline;
  status?: CallStatus;
  limit: number;
}

/** Hotline calls (`hotline_calls`, `_id` = call id), each with its outbox; writes go through `store`. */
@Injectable()
export class HotlineCallRepository implements OnModuleInit {
  static readonly COLLECTION = 'hotline_calls';
  private readonly collection: Collection<Document>;
  readonly store: AggregateStore<HotlineCall, 'callId', HotlineCallChange>;

  constructor(@InjectDatabase() connection: Connection, relay: OutboxRelay) {
    this.collection = collectionOf(connection, HotlineCallRepository.COLLECTION);
    this.store = new AggregateStore({ collection: this.collection, idField: 'callId', relay, events: hotlineCallEvents, noun: 'call' });
  }

  async onModuleInit(): Promise<void> {
    await this.store.ensureIndexes();
    await this.collection.createIndex({ status: 1, dueAt: 1 });
    await this.collection.createIndex({ divisionAncestors: 1, receivedAt: 1 });
  }

  get(callId: string): Promise<Versioned<HotlineCall> | undefined> {
    return this.store.get(callId);
  }

  /** Calls of a jurisdiction for listing, newest first. */
  async list(q: CallQuery): Promise<HotlineCall[]> {
    const filter: Filter<Document> = { divisionAncestors: q.jurisdiction };
    if (q.line) filter.line = q.line;
    if (q.status) filter.status = q.status;
    const docs = await this.collection.find(filter, { projection: HIDDEN }).sort({ receivedAt: -1 }).limit(q.limit).toArray();
    return docs.map(({ _id, ...rest }) => ({ callId: String(_id), ...rest }) as HotlineCall);
  }

  /** Ids of open calls past their due time not yet found overdue, from one cursor (never all held at once). */
  async *overdueCandidates(now: Date): AsyncGenerator<string> {
    const cursor = this.collection
      .find({ status: { $in: ['received', 'routed'] }, dueAt: { $lt: now }, overdueAt: null }, { projection: { _id: 1 } })
      .batchSize(PAGE);
    try {
      for await (const d of cursor) yield String(d._id);
    } finally {
      await cursor.close();
    }
  }

  /** What the figures read of a jurisdiction's calls received in [from, to), from one cursor, without caller data. */
  async *forFigures(jurisdiction: string, from: Date, to: Date): AsyncGenerator<FiguresRow> {
    const cursor = this.collection
      .find(
        { divisionAncestors: jurisdiction, receivedAt: { $gte: from, $lt: to } },
        {
          projection: {
            _id: 0,
            line: 1,
            category: 1,
            urgency: 1,
            receivedAt: 1,
            dueAt: 1,
            status: 1,
            'route.target': 1,
            answeredAt: 1,
            closedAt: 1,
            overdueAt: 1,
          },
        },
      )
      .batchSize(PAGE);
    try {
      for await (const d of cursor) yield d as unknown as FiguresRow;
    } finally {
      await cursor.close();
    }
  }
}
