import { divisionAncestors, shanghaiInstant } from '@civil/kernel';
import type { UnitType } from '@civil/contracts';

/**
 * When a unit's daily report is due. Regions set a wall-clock time (Asia/Shanghai) for all their
 * units or for one unit type; the most specific rule wins (narrower division, then unit type).
 * A rule change takes effect from a date, and earlier days keep the rule they had.
 */
export const DEFAULT_DEADLINE_TIME = '10:00';

export interface DeadlineVersion {
  time: string;
  /** First day (YYYY-MM-DD) the time applies. */
  effectiveFrom: string;
  setBy: string;
  setAt: Date;
}

export interface DeadlineRule {
  divisionCode: string;
  /** null: every unit type in the division. */
  unitType: UnitType | null;
  history: DeadlineVersion[];
}

export function ruleId(divisionCode: string, unitType: UnitType | null): string {
  return `${divisionCode}|${unitType ?? '*'}`;
}

/** The time in force on a day under one rule, or undefined if the rule starts later. */
export function timeOnDay(rule: DeadlineRule, day: string): string | undefined {
  let best: DeadlineVersion | undefined;
  for (const v of rule.history) {
    if (
      v.effectiveFrom <= day &&
      (!best || v.effectiveFrom > best.effectiveFrom || (v.effectiveFrom === best.effectiveFrom && v.setAt > best.setAt))
    )
      best = v;
  }
  return best?.time;
}

/** Resolves deadlines from a set of rules; build once per sweep, ask per unit. */
export class DeadlineResolver {
  private readonly byId = new Map<string, DeadlineRule>();

  constructor(
    rules: readonly DeadlineRule[],
    private readonly fallback = DEFAULT_DEADLINE_TIME,
  ) {
    rules.forEach((r) => this.byId.set(ruleId(r.divisionCode, r.unitType), r));
  }

  timeFor(divisionCode: string, unitType: UnitType, day: string): { time: string; rule: string } {
    const ancestors = divisionAncestors(divisionCode).reverse();
    for (const code of ancestors) {
      for (const type of [unitType, null]) {
        const rule = this.byId.get(ruleId(code, type));
        const time = rule && timeOnDay(rule, day);
        if (time) return { time, rule: ruleId(code, type) };
      }
    }
    return { time: this.fallback, rule: 'default' };
  }

  deadlineFor(divisionCode: string, unitType: UnitType, day: string): Date {
    return shanghaiInstant(day, this.timeFor(divisionCode, unitType, day).time);
  }
}
