import { Injectable } from '@nestjs/common';
import { Clock, DomainError, shanghaiDate } from '@civil/kernel';
import { InjectClock, Principal } from '@civil/platform';
import { randomUUID } from 'node:crypto';
import { exitAfterRecheck, Household } from '../domain/household';
import { RecheckClass, RecheckOutcome, recordRecheck, startSchedule } from '../domain/recheck';
import { AssessHousehold } from './assess-household';
import { HouseholdChanges, HouseholdDecision } from './household-changes';
import { recheckRecordView } from './household-view';
import { RecheckSettingsReader } from './recheck-settings';

export interface RecheckInput {
  outcome: RecheckOutcome;
  /** The class from now on; absent: the class it has. */
  recheckClass?: RecheckClass;
  findings: string;
  /** The day of the re-check (Beijing); absent: today. */
  checkedOn?: string;
}

/**
 * The township records a periodic re-check (定期核查) of an enrolled household, with the class it
 * is re-checked by from now: the next cycle starts from the re-check's day, a missed re-check is
 * answered, and RecheckRecorded goes out in the same write. `changed`: the household is then
 * assessed again by the rule (AssessHousehold: HouseholdCategoryDetermined, and a phase-out started
 * or cancelled as the income now is). `no-longer-eligible`: the household leaves its register at
 * the next phase-out sweep, which pauses the exit while the area is at medium/high risk.
 */
@Injectable()
export class RecordRecheck {
  constructor(
    private readonly changes: HouseholdChanges,
    private readonly settings: RecheckSettingsReader,
    private readonly assess: AssessHousehold,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async execute(householdId: string, input: RecheckInput, by: Principal) {
    const now = this.clock.now();
    const today = shanghaiDate(now);
    const checkedOn = input.checkedOn ?? today;
    const recheckId = `rk-${randomUUID()}`;
    const before = await this.changes.mustGet(householdId, by);
    const cadence = await this.settings.cadence(before.divisionCode, checkedOn);
    const decide = (cur: Household): HouseholdDecision => {
      if ((cur.status !== 'enrolled' && cur.status !== 'phase-out') || !cur.enrolledCategory)
        throw DomainError.conflict(
          'NotEnrolled',
          `household ${householdId} is on no register (status ${cur.status}); nothing to re-check`,
          {
            rule: 'recheck-while-enrolled',
          },
        );
      if (cur.phaseOut?.reason === 'no-longer-eligible')
        throw DomainError.conflict('ExitPending', `household ${householdId} was found no longer eligible and is leaving its register`, {
          rule: 'recheck-while-enrolled',
        });
      // enrolled before re-checks: the cycle counts from the current enrolment
      const schedule = cur.recheck ?? startSchedule(cur.enrolments.find((e) => e.to === null)?.from ?? checkedOn, cadence);
      const { next: recheck, answered } = recordRecheck(
        schedule,
        {
          recheckId,
          checkedOn,
          outcome: input.outcome,
          recheckClass: input.recheckClass ?? schedule.recheckClass,
          findings: input.findings,
          at: now,
          by: by.sub,
        },
        cadence,
        today,
      );
      const category = cur.enrolledCategory;
      const changes = [{ type: 'recheck-recorded' as const, at: now, record: answered, category }];
      const rechecked: Household = { ...cur, recheck, updatedAt: now };
      if (input.outcome !== 'no-longer-eligible') return { next: rechecked, changes };
      const leaving = exitAfterRecheck(rechecked, checkedOn, now);
      return { next: leaving, changes, watch: { endsOn: leaving.phaseOut!.endsOn } };
    };
    const next = await this.changes.change(householdId, by, decide, { now, before });
    const recorded = next.recheck!.records.at(-1)!;
    if (input.outcome === 'changed') {
      // assessed by the rule as the household is now (the officer updated incomes and members first)
      const assessed = await this.assess.execute(householdId, by);
      return {
        recheck: recheckRecordView(recorded),
        assessmentOutcome: assessed.outcome,
        assessment: assessed.assessment,
        household: assessed.household,
      };
    }
    return { recheck: recheckRecordView(recorded), assessmentOutcome: null, assessment: null, household: await this.changes.view(next) };
  }
}
