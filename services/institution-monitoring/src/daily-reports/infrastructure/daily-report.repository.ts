import { Injectable, OnModuleInit } from '@nestjs/common';
import type { DailyReportCounts, UnitType } from '@civil/contracts';
import { OutboxRelay } from '@civil/messaging';
import { AggregateStore, collectionOf, InjectDatabase } from '@civil/persistence';
import type { Collection } from 'mongodb';
import type { Connection } from 'mongoose';
import { Correction, LockException, reportId, ReportStatus } from '../domain/daily-report';
import { DailyReportChange, dailyReportEvents } from '../application/daily-report-events';

/** A unit's day: its report, or the miss the sweep recorded (and the late report after it). */
export interface DailyReport {
  _id: string;
  unitId: string;
  unitType: UnitType;
  divisionCode: string;
  divisionAncestors: string[];
  reportDate: string;
  deadline: Date;
  status: ReportStatus;
  /** Set when the sweep found the day missing (kept after a late report arrives). */
  missedAt?: Date;
  submittedAt?: Date;
  submittedBy?: string;
  late?: boolean;
  zeroReport?: boolean;
  counts?: DailyReportCounts;
  /** Every correction, oldest first: who, when, why, before and after. */
  corrections?: Correction[];
  /** An exception to the period lock, granted by the county. */
  lockException?: LockException;
}

/** The document as read (the store's own fields are never handed back). */
export type DailyReportDoc = DailyReport;

/** The store's own fields, never handed back; lists leave out the corrections too. */
const READ = { outbox: 0, outboxLease: 0, writes: 0, version: 0 } as const;
const LISTED = { ...READ, corrections: 0 } as const;

/**
 * One document per unit and day (`daily_reports`, id `<unitId>:<day>`). The id makes "exactly one
 * ReportMissed per unit and day" a unique-key fact: replicas racing to record a miss, or a report
 * racing the sweep, cannot both win.
 */
@Injectable()
export class DailyReportRepository implements OnModuleInit {
  static readonly COLLECTION = 'daily_reports';
  private readonly collection: Collection<DailyReportDoc>;
  /** Every write of a unit's day. */
  readonly store: AggregateStore<DailyReport, '_id', DailyReportChange>;

  constructor(@InjectDatabase() connection: Connection, relay: OutboxRelay) {
    this.collection = collectionOf<DailyReportDoc>(connection, DailyReportRepository.COLLECTION);
    this.store = new AggregateStore({
      collection: collectionOf(connection, DailyReportRepository.COLLECTION),
      idField: '_id',
      relay,
      events: dailyReportEvents,
      noun: 'daily report',
    });
  }

  async onModuleInit(): Promise<void> {
    await this.store.ensureIndexes();
    await this.collection.createIndex({ divisionAncestors: 1, reportDate: 1 });
  }

  /** The documents of some units for a day, by key. */
  async forUnitsOnDay(day: string, unitIds: readonly string[]): Promise<DailyReportDoc[]> {
    const out: DailyReportDoc[] = [];
    for (let i = 0; i < unitIds.length; i += 1_000) {
      const ids = unitIds.slice(i, i + 1_000).map((u) => reportId(u, day));
      out.push(...(await this.collection.find({ _id: { $in: ids } }, { projection: LISTED }).toArray()));
    }
    return out;
  }

  async get(id: string): Promise<DailyReportDoc | null> {
    return this.collection.findOne({ _id: id }, { projection: READ });
  }

  /** Of the given units, those with a document (report or recorded miss) for the day; by key. */
  async unitsRecorded(day: string, unitIds: readonly string[]): Promise<Set<string>> {
    const found = new Set<string>();
    for (let i = 0; i < unitIds.length; i += 1_000) {
      const ids = unitIds.slice(i, i + 1_000).map((u) => reportId(u, day));
      const docs = await this.collection.find({ _id: { $in: ids } }, { projection: { unitId: 1 } }).toArray();
      docs.forEach((d) => found.add(d.unitId));
    }
    return found;
  }

  async list(
    filter: { jurisdiction: string; day?: string; unitId?: string; status?: ReportStatus },
    limit: number,
  ): Promise<DailyReportDoc[]> {
    const q: Record<string, unknown> = { divisionAncestors: filter.jurisdiction };
    if (filter.day) q.reportDate = filter.day;
    if (filter.unitId) q.unitId = filter.unitId;
    if (filter.status) q.status = filter.status;
    return this.collection.find(q, { projection: LISTED }).sort({ _id: 1 }).limit(limit).toArray();
  }
}
