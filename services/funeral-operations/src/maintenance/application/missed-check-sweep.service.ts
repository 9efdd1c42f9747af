import { Injectable } from '@nestjs/common';
import { MaintenanceCheckMissedV1 } from '@civil/contracts';
import { addDays, Clock, deterministicId, shanghaiDate } from '@civil/kernel';
import { outboxEntry, OutboxEntry, OutboxRelay } from '@civil/messaging';
import { InjectClock } from '@civil/platform';
import { HomeDirectory } from '../../homes/application/home-directory';
import { FuneralHome } from '../../homes/domain/funeral-home';
import { emptyMaintenanceDay, findMissedChecks, maintenanceDayId, recordMissed } from '../domain/maintenance';
import { MaintenanceDayRepository } from '../infrastructure/maintenance.repository';
import { MaintenanceService } from './maintenance.service';

const CAS_ATTEMPTS = 8;

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
    private readonly maintenance: MaintenanceService,
    private readonly relay: OutboxRelay,
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
    const byHour = await this.maintenance.byHour(home, day);
    const id = maintenanceDayId(home.homeId, day);
    for (let attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
      const current = await this.days.get(id);
      const found = findMissedChecks(home, current?.value, day, now, byHour);
      if (!found.length) return 0;
      const { next, added } = recordMissed(current?.value ?? emptyMaintenanceDay(home, day), found, now);
      const events: OutboxEntry[] = added.map((m) =>
        outboxEntry(
          MaintenanceCheckMissedV1,
          {
            equipmentId: m.equipmentId,
            kind: m.kind,
            homeId: home.homeId,
            divisionCode: home.divisionCode,
            day,
            detectedAt: now.toISOString(),
          },
          { time: now, id: deterministicId(MaintenanceCheckMissedV1.type, home.homeId, m.equipmentId, day) },
        ),
      );
      const written = current ? await this.days.save(current.version, next, events) : await this.days.insert(next, events);
      if (written) {
        this.relay.notifyWritten(MaintenanceDayRepository.COLLECTION, [{ docId: id, entries: events }]);
        return added.length;
      }
    }
    return 0; // another replica kept writing this day; the next run picks up what is left
  }
}
