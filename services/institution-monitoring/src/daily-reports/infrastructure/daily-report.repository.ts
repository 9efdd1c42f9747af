import { Injectable, OnModuleInit } from '@nestjs/common';
import type { DailyReportCounts, UnitType } from '@civil/contracts';
import type { OutboxEntry } from '@civil/messaging';
import { collectionOf, InjectDatabase, insertedDespiteDuplicates, isDuplicateKeyError, pushToOutbox } from '@civil/persistence';
import type { Collection } from 'mongodb';
import type { Connection } from 'mongoose';
import { Correction, LockException, reportId, ReportStatus } from '../domain/daily-report';

export interface DailyReportDoc {
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
  /** Optimistic concurrency for corrections; absent on documents written before it existed. */
  version?: number;
  outbox: OutboxEntry[];
}

/**
 * One document per unit and day (`daily_reports`, id `<unitId>:<day>`). The id makes "exactly one
 * ReportMissed per unit and day" a unique-key fact: replicas racing to record a miss, or a report
 * racing the sweep, cannot both win.
 */
@Injectable()
export class DailyReportRepository implements OnModuleInit {
  static readonly COLLECTION = 'daily_reports';
  private readonly collection: Collection<DailyReportDoc>;

  constructor(@InjectDatabase() connection: Connection) {
    this.collection = collectionOf<DailyReportDoc>(connection, DailyReportRepository.COLLECTION);
  }

  async onModuleInit(): Promise<void> {
    // the filter of submitLate as its own (trivially unique) index, so it is a key lookup on servers
    // that only use an index matching the query's keys exactly
    await this.collection.createIndex({ _id: 1, status: 1 }, { unique: true });
    await this.collection.createIndex({ _id: 1, version: 1 }, { unique: true });
    await this.collection.createIndex({ divisionAncestors: 1, reportDate: 1 });
  }

  /** Records a report for a day nobody has recorded yet; false if the day already has a document. */
  async insertSubmitted(doc: DailyReportDoc): Promise<boolean> {
    try {
      await this.collection.insertOne({ ...doc, version: 1 });
      return true;
    } catch (e) {
      if (isDuplicateKeyError(e)) return false;
      throw e;
    }
  }

  /** Turns a missed day into a late report, once; false if it is not (or no longer) missed. */
  async submitLate(id: string, fields: Partial<DailyReportDoc>, events: OutboxEntry[]): Promise<boolean> {
    const r = await this.collection.updateOne(
      { _id: id, status: 'missed' },
      { $set: { ...fields, status: 'submitted', late: true }, $inc: { version: 1 }, ...pushToOutbox(events) },
    );
    return r.modifiedCount === 1;
  }

  /** Applies a correction if nobody changed the report since it was read. */
  async correct(
    doc: DailyReportDoc,
    fields: Pick<DailyReportDoc, 'counts' | 'zeroReport'>,
    correction: Correction,
    events: OutboxEntry[],
  ): Promise<boolean> {
    const version = doc.version ?? 1;
    const filter = doc.version === undefined ? { _id: doc._id, version: { $exists: false } } : { _id: doc._id, version };
    const r = await this.collection.updateOne(filter as never, {
      $set: { ...fields, version: version + 1 },
      $push: { corrections: correction, ...pushToOutbox(events).$push },
    });
    return r.modifiedCount === 1;
  }

  async grantLockException(id: string, exception: LockException): Promise<boolean> {
    const r = await this.collection.updateOne(
      { _id: id, status: 'submitted' },
      { $set: { lockException: exception }, $inc: { version: 1 } },
    );
    return r.modifiedCount === 1;
  }

  /** The documents of some units for a day, by key. */
  async forUnitsOnDay(day: string, unitIds: readonly string[]): Promise<DailyReportDoc[]> {
    const out: DailyReportDoc[] = [];
    for (let i = 0; i < unitIds.length; i += 1_000) {
      const ids = unitIds.slice(i, i + 1_000).map((u) => reportId(u, day));
      out.push(...(await this.collection.find({ _id: { $in: ids } }, { projection: { outbox: 0, corrections: 0 } }).toArray()));
    }
    return out;
  }

  /** Records missed days; returns the ids it inserted (days already recorded are skipped). */
  async insertMissed(docs: DailyReportDoc[]): Promise<string[]> {
    if (docs.length === 0) return [];
    try {
      await this.collection.insertMany(
        docs.map((d) => ({ ...d, version: 1 })),
        { ordered: false },
      );
      return docs.map((d) => d._id);
    } catch (e) {
      return insertedDespiteDuplicates(docs, e).map((d) => d._id);
    }
  }

  async get(id: string): Promise<DailyReportDoc | null> {
    return this.collection.findOne({ _id: id }, { projection: { outbox: 0 } });
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
    return this.collection
      .find(q, { projection: { outbox: 0, corrections: 0 } })
      .sort({ _id: 1 })
      .limit(limit)
      .toArray();
  }
}
