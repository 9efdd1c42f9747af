import { Injectable } from '@nestjs/common';
import { addDays, Clock, shanghaiDate } from '@civil/kernel';
import { InjectClock } from '@civil/platform';
import { HomeDirectory } from '../../homes/application/home-directory';
import { FuneralHome } from '../../homes/domain/funeral-home';
import { emptyMaintenanceDay, findMissedChecks, maintenanceDayId, recordMissed } from '../domain/maintenance';
import { MaintenanceDayRepository } from '../infrastructure/maintenance.repository';
import { CheckDeadlines } from './check-deadlines';

export interface MissedCheckSweepResult {
  days: string[];
  /** Misses this run recorded (and queued MaintenanceCheckMissed for). */
  recorded: number;
}

/**
 * Records a missed daily check for every vehicle and cremator without a check by the regional
 * deadline, queuing MaintenanceCheckMissed in the same write. Safe on every replica at once and
 * after a restart: the miss is written into the day's document by compare-and-set (a second sweep
 * finds it there), and the event id derives from home, equipment and day.
 */
@Injectable()
export class MissedCheckSweepService {
  constructor(
    private readonly homes: HomeDirectory,
    private readonly days: MaintenanceDayRepository,
    private readonly deadlines: CheckDeadlines,
    @InjectClock() private readonly clock: Clock,
  ) {}

  /** Sweeps yesterday and today (Beijing), so a sweep missed around midnight is caught up. */
  async sweep(): Promise<MissedCheckSweepResult> {
    const now = this.clock.now();
    const today = shanghaiDate(now);
    const sweepDays = [addDays(today, -1), today];
    let recorded = 0;
    for (const home of await this.homes.all()) {
      const registeredDay = shanghaiDate(new Date(home.registeredAt));
      for (const day of sweepDays) {
        if (day < registeredDay) continue;
        recorded += await this.sweepHomeDay(home, day, now);
      }
    }
    return { days: sweepDays, recorded };
  }

  private async sweepHomeDay(home: FuneralHome, day: string, now: Date): Promise<number> {
    const byHour = await this.deadlines.byHour(home, day);
    let recorded = 0;
    const { written } = await this.days.store.upsert(maintenanceDayId(home.homeId, day), (current) => {
      const found = findMissedChecks(home, current, day, now, byHour);
      if (!found.length) return undefined;
      const { next, added } = recordMissed(current ?? emptyMaintenanceDay(home, day), found, now);
      recorded = added.length;
      return { next, changes: added.map((missed) => ({ type: 'check-missed', missed, at: now })) };
    });
    return written ? recorded : 0;
  }
}
