import { Injectable } from '@nestjs/common';
import type { UnitType } from '@civil/contracts';
import { Clock, DomainError, covers, isLocalDate, isLocalTime, shanghaiDate } from '@civil/kernel';
import { assertMaySetFor, InjectClock, Principal } from '@civil/platform';
import { DeadlineResolver, DeadlineRule } from '../domain/reporting-deadline';
import { DeadlineRuleRepository } from '../infrastructure/deadline-rule.repository';

@Injectable()
export class ReportingDeadlinesService {
  private cached?: { resolver: DeadlineResolver; until: number };

  constructor(
    private readonly rules: DeadlineRuleRepository,
    @InjectClock() private readonly clock: Clock,
  ) {}

  /**
   * Sets the deadline time of a region (optionally one unit type) from a day on: the national
   * level anywhere, others inside their jurisdiction. Every region's default is the built-in one.
   */
  async set(
    divisionCode: string,
    unitType: UnitType | null,
    time: string,
    effectiveFrom: string | undefined,
    by: Principal,
  ): Promise<DeadlineRule> {
    assertMaySetFor(by, divisionCode);
    if (!isLocalTime(time)) throw DomainError.invalid('InvalidTime', `time ${time} is not HH:mm`, { field: 'time' });
    const now = this.clock.now();
    const from = effectiveFrom ?? shanghaiDate(now);
    if (!isLocalDate(from)) throw DomainError.invalid('InvalidDate', `effectiveFrom ${from} is not YYYY-MM-DD`, { field: 'effectiveFrom' });
    // changing a day that is already under way would turn reports already judged on time into late ones
    if (from < shanghaiDate(now))
      throw DomainError.invalid('EffectiveInPast', `effectiveFrom ${from} is before today; past days keep their deadline`, {
        field: 'effectiveFrom',
      });
    const rule = await this.rules.addVersion(divisionCode, unitType, { time, effectiveFrom: from, setBy: by.sub, setAt: now });
    this.cached = undefined;
    return rule;
  }

  /** Rules visible to the caller: those of its jurisdiction, above it and below it. */
  async list(by: Principal): Promise<DeadlineRule[]> {
    return (await this.rules.all()).filter((r) => covers(r.divisionCode, by.jurisdiction) || covers(by.jurisdiction, r.divisionCode));
  }

  /**
   * Read on every report; kept for a few seconds. A change made through another replica applies
   * there within that time, and changes take effect from a day (today at the earliest), so a
   * report is never judged by a rule of the wrong day.
   */
  async resolver(): Promise<DeadlineResolver> {
    if (!this.cached || this.cached.until < Date.now()) {
      this.cached = { resolver: new DeadlineResolver(await this.rules.all()), until: Date.now() + 5_000 };
    }
    return this.cached.resolver;
  }
}
