import { Injectable } from '@nestjs/common';
import { addDays } from '@civil/kernel';
import { collectionOf, InjectDatabase } from '@civil/persistence';
import type { Collection } from 'mongodb';
import type { Connection } from 'mongoose';

interface DailyReportSubmission {
  _id: string;
  submittedAt?: Date;
}

/**
 * When a unit last submitted its daily report, read by key from `daily_reports` (ids
 * `<unitId>:<YYYY-MM-DD>`): today's and yesterday's reports, whichever was submitted last.
 */
@Injectable()
export class LastDailyReportReader {
  private readonly collection: Collection<DailyReportSubmission>;

  constructor(@InjectDatabase() connection: Connection) {
    this.collection = collectionOf<DailyReportSubmission>(connection, 'daily_reports');
  }

  async lastSubmittedAt(unitId: string, today: string): Promise<Date | undefined> {
    const ids = [`${unitId}:${today}`, `${unitId}:${addDays(today, -1)}`];
    const found = await Promise.all(ids.map((_id) => this.collection.findOne({ _id }, { projection: { submittedAt: 1 } })));
    const times = found.map((d) => d?.submittedAt).filter((t): t is Date => t instanceof Date);
    return times.length ? new Date(Math.max(...times.map((t) => t.getTime()))) : undefined;
  }
}
