import { Injectable } from '@nestjs/common';
import { Clock, DomainError, shanghaiDate } from '@civil/kernel';
import { InjectClock, Principal, RegionalSettingsService } from '@civil/platform';
import { randomUUID } from 'node:crypto';
import { PersonRegistry } from '../../people/application/person-registry';
import { ageOn } from '../../people/domain/person';
import type { SettingKey } from '../../regional-settings/domain/settings';
import { assessCategory, CategorySettings } from '../domain/category';
import { HouseholdAssessment, recordAssessment } from '../domain/household';
import { EXPENDITURE_POVERTY_RULES } from '../domain/household-vocabulary';
import { changedMeanwhile, HouseholdChanges } from './household-changes';
import { HouseholdChange } from './household-events';
import { assessmentView } from './household-view';

/**
 * Runs the category rule with the settings of the household's division on the assessment day,
 * records it and publishes HouseholdCategoryDetermined (amounts only, no personal data); starts
 * or cancels a phase-out of an enrolled household (HouseholdPhaseOutStarted on start).
 */
@Injectable()
export class AssessHousehold {
  constructor(
    private readonly changes: HouseholdChanges,
    private readonly people: PersonRegistry,
    private readonly settings: RegionalSettingsService<SettingKey>,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async execute(householdId: string, by: Principal) {
    const assessmentId = `as-${randomUUID()}`;
    const now = this.clock.now();
    const day = shanghaiDate(now);
    // the members' people and the division's settings are read first, for the household as it is now
    const before = await this.changes.mustGet(householdId, by);
    const persons = await this.people.getMany(before.members.map((m) => m.personId));
    const settings = await this.categorySettings(before.divisionCode, day);
    let outcome = 'recorded';
    const next = await this.changes.change(
      householdId,
      by,
      (cur) => {
        const result = assessCategory(
          {
            members: cur.members.map((m) => {
              // a member added since the people were read: assess again
              if (!before.members.some((b) => b.personId === m.personId)) throw changedMeanwhile(householdId);
              const person = persons.get(m.personId);
              if (!person)
                throw DomainError.conflict('MemberMissing', `member ${m.personId} of household ${cur.householdId} is not in the registry`, {
                  personId: m.personId,
                });
              return { personId: m.personId, age: ageOn(person.birthDate, day), flags: m.flags };
            }),
            incomes: cur.incomes,
            expenses: cur.expenses,
          },
          settings,
        );
        const assessment: HouseholdAssessment = {
          ...result,
          assessmentId,
          previousCategory: cur.assessedCategory,
          day,
          at: now,
          by: by.sub,
        };
        const recorded = recordAssessment(cur, assessment);
        outcome = recorded.outcome;
        const changes: HouseholdChange[] = [{ type: 'category-determined', assessment }];
        const phaseOut = recorded.next.phaseOut;
        if (recorded.outcome === 'phase-out-started' && phaseOut) {
          changes.push({ type: 'phase-out-started', at: now });
          return { next: recorded.next, changes, watch: { endsOn: phaseOut.endsOn } };
        }
        return { next: recorded.next, changes };
      },
      { now, before },
    );
    return { outcome, assessment: assessmentView(next.assessments.at(-1)!), household: await this.changes.view(next) };
  }

  /** The category settings of a division on a day (history per region; the narrowest division wins). */
  private async categorySettings(divisionCode: string, day: string): Promise<CategorySettings> {
    const v = (key: SettingKey) => this.settings.valueFor(key, divisionCode, day);
    return {
      standardFen: await v('dibao-standard-fen'),
      nearDibaoMultiplier: await v('near-dibao-multiplier'),
      minimumWageFen: await v('minimum-wage-fen'),
      // the setting holds the rule's index: 0 篇十四 (the default), 1 篇十一
      expenditurePovertyRule: EXPENDITURE_POVERTY_RULES[await v('expenditure-poverty-rule')],
      perCapitaDisposableIncomeFen: await v('per-capita-disposable-income-fen'),
      singlePersonDibaoMultiplier: await v('single-person-dibao-multiplier'),
      minimumTopUpPercent: await v('dibao-minimum-top-up-percent'),
      employmentCostStandardFen: await v('employment-cost-standard-fen'),
      supplementPercent: {
        'age-70': await v('supplement-age-70-percent'),
        'serious-illness': await v('supplement-serious-illness-percent'),
        'severe-disability': await v('supplement-disability-percent'),
        minor: await v('supplement-minor-percent'),
      },
    };
  }
}
