import { Injectable } from '@nestjs/common';
import { Clock, shanghaiDate } from '@civil/kernel';
import { InjectClock, Principal } from '@civil/platform';
import { HomeDirectory } from '../../homes/application/home-directory';
import { CapacityFigures } from './capacity-figures';
import { CremationScheduler } from './cremation-scheduler';

/** The cremation queue of a home: cases waiting, slots placed, the expected wait for a new case. */
@Injectable()
export class CremationQueue {
  constructor(
    private readonly homes: HomeDirectory,
    private readonly scheduler: CremationScheduler,
    private readonly capacity: CapacityFigures,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async of(homeId: string, by: Principal) {
    const home = await this.homes.homeFor(homeId, by);
    const now = this.clock.now();
    const [byDay, figures, minutes] = await Promise.all([
      this.scheduler.bookingsAround(homeId, now),
      this.capacity.figures(home, now),
      this.scheduler.cremationMinutes(home, shanghaiDate(now)),
    ]);
    const inService = new Set(home.equipment.filter((e) => e.kind === 'cremator' && e.inService).map((e) => e.equipmentId));
    const placed = byDay
      .flatMap((d) => d.bookings.map((b) => ({ ...b, day: d.day })))
      .filter((b) => !b.doneAt)
      .sort((a, b) => a.start.getTime() - b.start.getTime() || a.crematorId.localeCompare(b.crematorId))
      .map((b) => ({
        caseId: b.caseId,
        crematorId: b.crematorId,
        day: b.day,
        start: b.start,
        end: b.end,
        infectious: b.infectious,
        cremateBy: b.cremateBy,
        /** The cremator went out of service after the booking: the case needs placing again. */
        crematorOutOfService: !inService.has(b.crematorId),
        waitMinutes: Math.max(0, Math.round((b.start.getTime() - now.getTime()) / 60_000)),
      }));
    return {
      homeId,
      at: now,
      cremationMinutes: minutes,
      waiting: figures.waitingCaseIds.map((caseId) => ({ caseId })),
      placed,
      expectedWaitMinutes: figures.expectedWaitMinutes,
      backlog: figures.backlog,
    };
  }
}
