import { RECHECK_CLASS_VALUES, RECHECK_OUTCOME_VALUES } from '@civil/contracts';
import { addDays, DomainError } from '@civil/kernel';

/**
 * Periodic re-checks (定期核查) of an enrolled household: the township checks on a cadence whether
 * its income and members are as recorded.
 *
 * Decided here where the documents are silent (seed 004 names the re-check and its extension in
 * risk areas, not its cadence; seed 003 篇八/十一 speak of 定期复核 without numbers):
 * - Each enrolled household has a re-check class (分类管理): A — income stable (e.g. no one able to
 *   work), B — income may change, C — income unstable (members able to work). The cadence of each
 *   class is the region's, in months (defaults A 12, B 6, C 3). A household starts in class A unless
 *   the township says otherwise; each re-check may move it.
 * - The first re-check is due the cadence after the enrolment day; each next one the cadence after
 *   the day of the last re-check, with the region's cadence on that day.
 * - A re-check is missed when it is still not recorded after its due day plus the region's grace
 *   days; in a medium/high-risk area (seed 004: 可视情延长定期核查时限) the due day is moved on by
 *   the region's extension days first. One missed signal per household and due day.
 * - Recording a re-check ends a missed one. Outcome `unchanged`: next cycle. `changed`: next cycle,
 *   and the household is assessed again by the rule (which may start or cancel a phase-out).
 *   `no-longer-eligible`: the household leaves its register by the exit path the phase-out sweep
 *   takes (paused in a medium/high-risk area — seed 004: 暂停低保退出工作), with no further re-check due.
 */
export const RECHECK_CLASSES = RECHECK_CLASS_VALUES;
export type RecheckClass = (typeof RECHECK_CLASSES)[number];

export const RECHECK_OUTCOMES = RECHECK_OUTCOME_VALUES;
export type RecheckOutcome = (typeof RECHECK_OUTCOMES)[number];

export const RECHECK_CLASS_LABELS: Record<RecheckClass, string> = {
  A: 'A类（收入稳定，按年核查）',
  B: 'B类（收入可能变动，按半年核查）',
  C: 'C类（收入不稳定，按季度核查）',
};

export const RECHECK_OUTCOME_LABELS: Record<RecheckOutcome, string> = {
  unchanged: '收入和人口无变化',
  changed: '收入或人口有变化，重新认定',
  'no-longer-eligible': '不再符合条件，退出',
};

/** What the township found on one re-check. */
export interface RecheckRecord {
  recheckId: string;
  checkedOn: string;
  outcome: RecheckOutcome;
  recheckClass: RecheckClass;
  /** What the township found (no personal data). */
  findings: string;
  /** The due day this re-check answered, and whether it had been signalled missed. */
  dueOn: string | null;
  missed: boolean;
  at: Date;
  by: string;
}

export interface HouseholdRecheck {
  recheckClass: RecheckClass;
  /** The day the current cycle counts from: the enrolment day, or the last re-check's day. */
  since: string;
  /** The day the next re-check is due; null when none is (the household is leaving its register). */
  dueOn: string | null;
  /** The cadence (months) dueOn was set with. */
  cadenceMonths: number;
  /** The due day signalled missed and not yet answered by a re-check, or null. */
  missedDueOn: string | null;
  records: RecheckRecord[];
}

/** The region's re-check settings on a day. */
export interface RecheckSettings {
  cadenceMonths: Record<RecheckClass, number>;
  graceDays: number;
  extensionDaysAtRisk: number;
}

/** A day some calendar months on (month ends clamp: 01-31 + 1 month → 02-28). */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number);
  const total = m - 1 + months;
  const year = y + Math.floor(total / 12);
  const month = (total % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
}

/** The schedule of a household enrolled on a day: class A unless given, first re-check a cadence on. */
export function startSchedule(since: string, cadence: Record<RecheckClass, number>, recheckClass: RecheckClass = 'A'): HouseholdRecheck {
  return {
    recheckClass,
    since,
    dueOn: addMonths(since, cadence[recheckClass]),
    cadenceMonths: cadence[recheckClass],
    missedDueOn: null,
    records: [],
  };
}

/** The due day as it applies now: moved on by the extension days in a medium/high-risk area. */
export function effectiveDueOn(
  r: Pick<HouseholdRecheck, 'dueOn'>,
  settings: Pick<RecheckSettings, 'extensionDaysAtRisk'>,
  elevated: boolean,
) {
  if (!r.dueOn) return null;
  return elevated ? addDays(r.dueOn, settings.extensionDaysAtRisk) : r.dueOn;
}

/**
 * The due day to signal missed on `today`, or null: past (effective due + grace), and not signalled
 * for that due day yet. A re-check on the last day of grace is on time.
 */
export function missedToSignal(
  r: Pick<HouseholdRecheck, 'dueOn' | 'missedDueOn'> | undefined,
  settings: Pick<RecheckSettings, 'graceDays' | 'extensionDaysAtRisk'>,
  elevated: boolean,
  today: string,
): string | null {
  if (!r?.dueOn || r.missedDueOn === r.dueOn) return null;
  const due = effectiveDueOn(r, settings, elevated)!;
  return addDays(due, settings.graceDays) < today ? r.dueOn : null;
}

/** Marks the due day signalled missed (the signal goes out in the same write). */
export function markMissed(r: HouseholdRecheck, dueOn: string): HouseholdRecheck {
  if (r.dueOn !== dueOn || r.missedDueOn === dueOn)
    throw DomainError.conflict('NotMissed', `re-check due ${dueOn} is not the one outstanding`, { rule: 'one-signal-per-due-day' });
  return { ...r, missedDueOn: dueOn };
}

/**
 * Records a re-check: starts the next cycle from its day with the class it sets (none for a
 * household found no longer eligible) and answers a missed one. A re-check dated before the
 * current cycle began, or in the future, is refused (400 naming `checkedOn`).
 */
export function recordRecheck(
  r: HouseholdRecheck,
  record: Omit<RecheckRecord, 'dueOn' | 'missed'>,
  cadence: Record<RecheckClass, number>,
  today: string,
): { next: HouseholdRecheck; answered: RecheckRecord } {
  if (record.checkedOn > today)
    throw DomainError.invalid('RecheckInFuture', 'checkedOn: a re-check is recorded on or after the day it was made', {
      field: 'checkedOn',
    });
  if (record.checkedOn < r.since)
    throw DomainError.invalid('RecheckBeforeCycle', `checkedOn: the current cycle began on ${r.since}`, { field: 'checkedOn' });
  const answered: RecheckRecord = { ...record, dueOn: r.dueOn, missed: r.dueOn !== null && r.missedDueOn === r.dueOn };
  const leaving = record.outcome === 'no-longer-eligible';
  return {
    next: {
      recheckClass: record.recheckClass,
      since: record.checkedOn,
      dueOn: leaving ? null : addMonths(record.checkedOn, cadence[record.recheckClass]),
      cadenceMonths: cadence[record.recheckClass],
      missedDueOn: null,
      records: [...r.records, answered],
    },
    answered,
  };
}
