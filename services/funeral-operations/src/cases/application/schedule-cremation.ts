import { Injectable } from '@nestjs/common';
import { Clock, DomainError } from '@civil/kernel';
import { InjectClock, Principal } from '@civil/platform';
import { CremationScheduler, Placed } from '../../scheduling/application/cremation-scheduler';
import { FuneralCase, move } from '../domain/funeral-case';
import { CaseMoves, DISPLACED_WHY } from './case-moves';
import { CaseWriter } from './case-writer';

/**
 * Places the cremation: earliest fit, or an explicit slot (409 SlotTaken if it is booked). An
 * infectious case is placed before its deadline, taking the place of non-infectious bookings if
 * it must; if even that cannot meet the deadline the case is flagged and the answer is 409.
 * The case is written first; only then is the old booking removed and are the displaced cases
 * placed again (each step idempotent; the capacity sweep repairs what a crash leaves).
 */
@Injectable()
export class ScheduleCremation {
  constructor(
    private readonly moves: CaseMoves,
    private readonly writer: CaseWriter,
    private readonly scheduler: CremationScheduler,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async execute(caseId: string, explicit: { crematorId: string; start: Date } | undefined, by: Principal): Promise<FuneralCase> {
    const { current, home } = await this.moves.load(caseId, by, 'scheduled');
    const c = current.value;
    let placed: Placed;
    try {
      placed = await this.scheduler.place(home, { caseId, infectious: c.infectious, cremateBy: c.cremateBy, explicit });
    } catch (e) {
      if (e instanceof DomainError && e.code === 'InfectiousDeadlineUnreachable' && !c.deadlineAtRisk)
        await this.writer.saveQuietly(current, { ...c, deadlineAtRisk: true });
      throw e;
    }
    const now = this.clock.now();
    const b = placed.booking;
    const why = `${c.status === 'scheduled' ? '改排' : '排期'}火化 ${b.start.toISOString()}–${b.end.toISOString()}${c.infectious ? '（传染病遗体优先，直接火化）' : ''}`;
    const next = move(
      c,
      'scheduled',
      { where: { kind: 'cremator', ref: b.crematorId }, who: by.sub, at: now, why },
      { cremation: { crematorId: b.crematorId, start: b.start, end: b.end, day: placed.day }, deadlineAtRisk: false },
    );
    const afterwards = async () => {
      // whatever the write's outcome: a booking the case does not hold goes, the displaced are placed again
      await this.moves.settle(home.homeId, placed.day, b);
      if (c.cremation)
        await this.moves.settle(home.homeId, c.cremation.day, { caseId, crematorId: c.cremation.crematorId, start: c.cremation.start });
      for (const d of placed.displaced) await this.moves.placeAgain(home, d.booking.caseId, DISPLACED_WHY);
    };
    const saved = await this.moves.commitOrUndo(current, next, afterwards);
    await afterwards();
    if (c.status === 'picked-up') await this.moves.endRun(home, saved);
    return saved;
  }
}
