import { Injectable } from '@nestjs/common';
import { Clock, DomainError, shanghaiDate } from '@civil/kernel';
import { ConcurrentChangeError } from '@civil/persistence';
import { InjectClock } from '@civil/platform';
import { markMissed, missedToSignal, startSchedule } from '../domain/recheck';
import { HouseholdRepository } from '../infrastructure/household.repository';
import { AreaRecheck, RecheckSettingsReader } from './recheck-settings';

export interface RecheckSweepResult {
  sweptAt: string;
  /** Households whose re-check was due before today and not yet signalled (read from the cursor). */
  checked: number;
  /** Of those, past their (extended) due day plus grace when read. */
  missed: number;
  /** RecheckMissed this run wrote (the rest by a concurrent sweep, or re-checked meanwhile). */
  signalled: number;
  /** Of the due ones, in a medium/high-risk area whose extension still runs. */
  extended: number;
  /** Households on a register without a schedule (enrolled before re-checks) given one from their enrolment day. */
  scheduled: number;
}

/**
 * Finds enrolled households whose periodic re-check (定期核查) is past its due day plus the
 * region's grace days — the due day moved on by the extension days while the area is at medium or
 * high risk — and marks the due day missed, writing RecheckMissed in the same compare-and-set
 * update (its id derived from household and due day), so repeated sweeps, replicas and restarts
 * signal each due day once. Candidates come from one cursor over the due households.
 */
@Injectable()
export class RecheckSweepService {
  constructor(
    private readonly households: HouseholdRepository,
    private readonly settings: RecheckSettingsReader,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async sweep(): Promise<RecheckSweepResult> {
    const now = this.clock.now();
    const today = shanghaiDate(now);
    const areaOf = this.settings.areas(now);
    const result: RecheckSweepResult = { sweptAt: now.toISOString(), checked: 0, missed: 0, signalled: 0, extended: 0, scheduled: 0 };
    for await (const id of this.households.unscheduled()) if (await this.schedule(id)) result.scheduled++;
    for await (const c of this.households.recheckCandidates(today)) {
      result.checked++;
      const area = await areaOf(c.divisionCode);
      if (!missedToSignal(c, area.settings, area.elevated, today)) {
        // missed but for the risk area's extension
        if (area.elevated && missedToSignal(c, area.settings, false, today)) result.extended++;
        continue;
      }
      result.missed++;
      if (await this.signal(c.householdId, area, now, today)) result.signalled++;
    }
    return result;
  }

  /** Marks the household's due day missed as it is now; false if not due any more, done by another sweep, or it kept changing. */
  private async signal(householdId: string, area: AreaRecheck, now: Date, today: string): Promise<boolean> {
    const gone = new Error(`household ${householdId} is gone`);
    try {
      const { written } = await this.households.store.change(
        householdId,
        (h) => {
          if (h.status !== 'enrolled' && h.status !== 'phase-out') return undefined;
          const dueOn = missedToSignal(h.recheck, area.settings, area.elevated, today);
          if (!dueOn || !h.recheck) return undefined;
          const extendedDays = area.elevated ? area.settings.extensionDaysAtRisk : 0;
          return {
            next: { ...h, recheck: markMissed(h.recheck, dueOn), updatedAt: now },
            changes: [{ type: 'recheck-missed', at: now, dueOn, graceDays: area.settings.graceDays, extendedDays }],
          };
        },
        () => gone,
      );
      return written;
    } catch (e) {
      if (e === gone || e instanceof ConcurrentChangeError) return false;
      throw e;
    }
  }

  /** Gives a household enrolled before re-checks its schedule, from its current enrolment's day (no event). */
  private async schedule(householdId: string): Promise<boolean> {
    const h = (await this.households.get(householdId))?.value;
    const from = h?.enrolments.find((e) => e.to === null)?.from;
    if (!h || h.recheck || !from) return false;
    const cadence = await this.settings.cadence(h.divisionCode, from);
    try {
      const { written } = await this.households.store.change(
        householdId,
        (cur) =>
          cur.recheck || (cur.status !== 'enrolled' && cur.status !== 'phase-out')
            ? undefined
            : { next: { ...cur, recheck: startSchedule(from, cadence) }, changes: [] },
        () => DomainError.notFound('HouseholdNotFound', `no household ${householdId}`, { householdId }),
      );
      return written;
    } catch (e) {
      if (e instanceof ConcurrentChangeError || (e instanceof DomainError && e.kind === 'not-found')) return false;
      throw e;
    }
  }
}
