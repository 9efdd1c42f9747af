import { Injectable, OnModuleInit } from '@nestjs/common';
import { OutboxRelay } from '@civil/messaging';
import { AggregateStore, collectionOf, InjectDatabase, Versioned } from '@civil/persistence';
import type { Collection, Document } from 'mongodb';
import type { Connection } from 'mongoose';
import { LowIncomeWarningChange, lowIncomeWarningEvents } from '../application/low-income-warning.integration-events';
import { Coverage, LowIncomeWarning } from '../domain/low-income-warning';

export interface WarningFilter {
  status?: 'pending' | 'checked';
  level?: number;
  kind?: string;
  overdueAt?: Date;
  campaignId?: string;
}

/** Low-income warnings and campaign check tasks (`low_income_warnings`, `_id` = warning id), written through `store`. */
@Injectable()
export class LowIncomeWarningRepository implements OnModuleInit {
  static readonly COLLECTION = 'low_income_warnings';
  private readonly collection: Collection<Document>;
  readonly store: AggregateStore<LowIncomeWarning, 'warningId', LowIncomeWarningChange>;

  constructor(@InjectDatabase() connection: Connection, relay: OutboxRelay) {
    this.collection = collectionOf(connection, LowIncomeWarningRepository.COLLECTION);
    this.store = new AggregateStore({
      collection: this.collection,
      idField: 'warningId',
      relay,
      events: lowIncomeWarningEvents,
      noun: 'warning',
    });
  }

  async onModuleInit(): Promise<void> {
    await this.store.ensureIndexes();
    await this.collection.createIndex({ status: 1, overdueAt: 1, dueAt: 1, _id: 1 });
    await this.collection.createIndex({ campaignId: 1, townshipCode: 1 });
    await this.collection.createIndex({ divisionAncestors: 1, raisedAt: -1 });
  }

  get(warningId: string): Promise<Versioned<LowIncomeWarning> | undefined> {
    return this.store.get(warningId);
  }

  /** Warnings within a jurisdiction, newest first. */
  async listIn(
    jurisdiction: string,
    filter: WarningFilter,
    now: Date,
    overdue: boolean | undefined,
    limit: number,
  ): Promise<LowIncomeWarning[]> {
    const q: Document = { divisionAncestors: jurisdiction };
    if (filter.status) q.status = filter.status;
    if (filter.level) q.level = filter.level;
    if (filter.kind) q.kind = filter.kind;
    if (filter.campaignId) q.campaignId = filter.campaignId;
    if (overdue === true) Object.assign(q, { status: 'pending', dueAt: { $lt: now } });
    if (overdue === false) q.$or = [{ status: 'checked' }, { dueAt: { $gte: now } }];
    const docs = await this.collection
      .find(q, { projection: { outbox: 0, outboxLease: 0, writes: 0, version: 0 } })
      .sort({ raisedAt: -1, _id: 1 })
      .limit(limit)
      .toArray();
    return docs.map(({ _id, ...rest }) => ({ warningId: String(_id), ...rest }) as unknown as LowIncomeWarning);
  }

  /**
   * Pending warnings past their due time the sweep has not signalled, in pages by id (a cursor:
   * the last id of the page before), so the sweep never holds them all.
   */
  async *newlyOverdue(now: Date, pageSize = 500): AsyncGenerator<string[]> {
    let after: string | undefined;
    for (;;) {
      const q: Document = { status: 'pending', overdueAt: null, dueAt: { $lt: now } };
      if (after !== undefined) q._id = { $gt: after };
      const page = await this.collection
        .find(q, { projection: { _id: 1 } })
        .sort({ _id: 1 })
        .limit(pageSize)
        .toArray();
      if (!page.length) return;
      const ids = page.map((d) => String(d._id));
      yield ids;
      after = ids[ids.length - 1];
      if (page.length < pageSize) return;
    }
  }

  /** A campaign's coverage per township: tasks due, checked, and overdue (unchecked past due) now. */
  async coverageOf(campaignId: string, now: Date): Promise<Map<string, Coverage>> {
    const rows = await this.collection
      .aggregate<{ _id: string; due: number; checked: number; overdue: number }>([
        { $match: { campaignId } },
        {
          $group: {
            _id: '$townshipCode',
            due: { $sum: 1 },
            checked: { $sum: { $cond: [{ $eq: ['$status', 'checked'] }, 1, 0] } },
            overdue: { $sum: { $cond: [{ $and: [{ $eq: ['$status', 'pending'] }, { $lt: ['$dueAt', now] }] }, 1, 0] } },
          },
        },
        { $sort: { _id: 1 } },
      ])
      .toArray();
    return new Map(rows.map((r) => [r._id, { due: r.due, checked: r.checked, overdue: r.overdue }]));
  }
}
