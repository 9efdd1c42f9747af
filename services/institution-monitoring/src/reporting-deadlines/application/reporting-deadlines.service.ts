import { Injectable } from '@nestjs/common';
import type { UnitType } from '@civil/contracts';
import { Clock, DomainError, covers, isLocalDate, isLocalTime, shanghaiDate } from '@civil/kernel';
import { assertCovers, InjectClock, Principal } from '@civil/platform';
import { DeadlineResolver, DeadlineRule } from '../domain/reporting-deadline';
import { DeadlineRuleRepository } from '../infrastructure/deadline-rule.repository';

@Injectable()
export class ReportingDeadlinesService {
  constructor(
    private readonly rules: DeadlineRuleRepository,
    @InjectClock() private readonly clock: Clock,
  ) {}

  /** Sets the deadline time of a region (optionally one unit type) from a day on. */
  async set(divisionCode: string, unitType: UnitType | null, time: string, effectiveFrom: string | undefined, by: Principal): Promise<DeadlineRule> {
    assertCovers(by, divisionCode);
    if (!isLocalTime(time)) throw DomainError.invalid('InvalidTime', `time ${time} is not HH:mm`, { field: 'time' });
    const now = this.clock.now();
    const from = effectiveFrom ?? shanghaiDate(now);
    if (!isLocalDate(from)) throw DomainError.invalid('InvalidDate', `effectiveFrom ${from} is not YYYY-MM-DD`, { field: 'effectiveFrom' });
    // changing a day that is already under way would turn reports already judged on time into late ones
    if (from < shanghaiDate(now)) throw DomainError.invalid('EffectiveInPast', `effectiveFrom ${from} is before today; past days keep their deadline`, { field: 'effectiveFrom' });
    return this.rules.addVersion(divisionCode, unitType, { time, effectiveFrom: from, setBy: by.sub, setAt: now });
  }

  /** Rules visible to the caller: those of its jurisdiction, above it and below it. */
  async list(by: Principal): Promise<DeadlineRule[]> {
    return (await this.rules.all()).filter((r) => covers(r.divisionCode, by.jurisdiction) || covers(by.jurisdiction, r.divisionCode));
  }

  async resolver(): Promise<DeadlineResolver> {
    return new DeadlineResolver(await this.rules.all());
  }
}
