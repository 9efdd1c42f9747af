import { addDays, DomainError, isLocalDate, shanghaiDate, shanghaiInstant } from '@civil/kernel';
import type { DailyReportCounts } from '@civil/contracts';
import { DAILY_REPORT_FIGURES, DAILY_REPORT_OPTIONAL_FIGURES } from '@civil/contracts';

/** A report's figures as checked: every required one, and the optional ones the unit gave. */
export type CheckedCounts = Required<Omit<DailyReportCounts, 'childrenInTemporaryCare'>> &
  Pick<DailyReportCounts, 'childrenInTemporaryCare'>;

/**
 * The daily report (日报告). Zero is significant (零报告): every figure must be given, and 0 means
 * "none"; a blank is not a zero and is refused. A report after the deadline is accepted and
 * marked late; a day with no report by the deadline is missed, once. A report may be corrected
 * until its period locks (the region's expiry days after the day), later only under an exception
 * the county grants.
 */
export type ReportStatus = 'submitted' | 'missed';

export const REPORT_STATUS_LABELS: Record<ReportStatus, string> = { submitted: '已报', missed: '漏报' };

export function reportId(unitId: string, day: string): string {
  return `${unitId}:${day}`;
}

/** A figure-consistency rule: the figures it relates and why a report breaking it is refused. */
interface ConsistencyRule {
  rule: string;
  fields: (keyof DailyReportCounts)[];
  holds(c: CheckedCounts): boolean;
  reason(c: CheckedCounts): string;
}

const people = (c: CheckedCounts) => c.residents + c.staffOnDuty;

export const CONSISTENCY_RULES: readonly ConsistencyRule[] = [
  {
    rule: 'confirmed-within-headcount',
    fields: ['confirmed'],
    holds: (c) => c.confirmed <= people(c) + c.transferred,
    reason: (c) => `confirmed (${c.confirmed}) cannot exceed residents + staff on duty + transferred (${people(c) + c.transferred})`,
  },
  {
    rule: 'cases-within-headcount',
    fields: ['suspected', 'confirmed'],
    holds: (c) => c.suspected + c.confirmed <= people(c) + c.transferred,
    reason: (c) =>
      `suspected + confirmed (${c.suspected + c.confirmed}) cannot exceed residents + staff on duty + transferred (${people(c) + c.transferred})`,
  },
  {
    rule: 'transferred-from-isolated-or-confirmed',
    fields: ['transferred'],
    holds: (c) => c.transferred <= c.isolated + c.confirmed,
    reason: (c) =>
      `transferred (${c.transferred}) cannot exceed isolated + confirmed (${c.isolated + c.confirmed}): only isolated or confirmed people are transferred`,
  },
  {
    rule: 'isolated-within-headcount',
    fields: ['isolated'],
    holds: (c) => c.isolated <= people(c),
    reason: (c) => `isolated (${c.isolated}) cannot exceed residents + staff on duty (${people(c)})`,
  },
  {
    rule: 'anomalies-within-headcount',
    fields: ['temperatureAnomalies'],
    holds: (c) => c.temperatureAnomalies <= people(c),
    reason: (c) => `temperatureAnomalies (${c.temperatureAnomalies}) cannot exceed residents + staff on duty (${people(c)})`,
  },
  {
    rule: 'admissions-within-residents',
    fields: ['newAdmissions'],
    holds: (c) => c.newAdmissions <= c.residents,
    reason: (c) => `newAdmissions (${c.newAdmissions}) cannot exceed residents (${c.residents}): the newly admitted are residents`,
  },
  {
    rule: 'vaccinated-within-residents',
    fields: ['vaccinatedResidents'],
    holds: (c) => c.vaccinatedResidents <= c.residents,
    reason: (c) => `vaccinatedResidents (${c.vaccinatedResidents}) cannot exceed residents (${c.residents})`,
  },
];

/**
 * Checks a report's figures: every one present (blank is not zero), whole and ≥ 0, and consistent
 * with each other. Lists every broken rule with its reason, not only the first.
 */
export function checkCounts(counts: Partial<Record<keyof DailyReportCounts, unknown>>): CheckedCounts {
  const blank = DAILY_REPORT_FIGURES.filter((f) => counts[f] === undefined || counts[f] === null || counts[f] === '');
  if (blank.length) {
    throw DomainError.invalid(
      'BlankReportFields',
      `every figure must be reported, 0 when there is none (零报告); blank: ${blank.join(', ')}`,
      {
        fields: blank.map((field) => ({ field: `counts.${field}`, reasons: ['blank: report 0 when there is none (零报告)'] })),
      },
    );
  }
  const given = DAILY_REPORT_OPTIONAL_FIGURES.filter((f) => counts[f] !== undefined && counts[f] !== null);
  const bad = [...DAILY_REPORT_FIGURES, ...given].filter((f) => !Number.isInteger(counts[f]) || (counts[f] as number) < 0);
  if (bad.length) {
    throw DomainError.invalid('InvalidReportFields', `figures must be whole numbers ≥ 0: ${bad.join(', ')}`, {
      fields: bad.map((field) => ({ field: `counts.${field}`, reasons: ['must be a whole number ≥ 0'] })),
    });
  }
  const c = counts as CheckedCounts;
  const broken = CONSISTENCY_RULES.filter((r) => !r.holds(c));
  if (broken.length) {
    throw DomainError.invalid('InconsistentFigures', `the figures contradict each other: ${broken.map((r) => r.reason(c)).join('; ')}`, {
      fields: broken.flatMap((r) => r.fields.map((f) => ({ field: `counts.${f}`, rule: r.rule, reasons: [r.reason(c)] }))),
    });
  }
  return Object.fromEntries([...DAILY_REPORT_FIGURES, ...given].map((f) => [f, c[f]])) as CheckedCounts;
}

/** Every event figure is zero (residents, staff and stock/vaccination levels are not events). */
const LEVEL_FIGURES: readonly (keyof DailyReportCounts)[] = [
  'residents',
  'staffOnDuty',
  'ppeDaysOfCover',
  'vaccinatedResidents',
  'vaccinatedStaff',
];

export function isZeroReport(counts: DailyReportCounts): boolean {
  return DAILY_REPORT_FIGURES.every((f) => LEVEL_FIGURES.includes(f) || counts[f] === 0);
}

/** Which day a report may be for: not the future; the past is allowed (late). */
export function checkReportDay(day: string, now: Date): void {
  if (!isLocalDate(day))
    throw DomainError.invalid('InvalidReportDate', `reportDate ${day} is not a date (YYYY-MM-DD)`, { field: 'reportDate' });
  if (day > shanghaiDate(now))
    throw DomainError.invalid('ReportDateInFuture', `reportDate ${day} is in the future (today in Beijing time is ${shanghaiDate(now)})`, {
      field: 'reportDate',
    });
}

export function isLate(submittedAt: Date, deadline: Date): boolean {
  return submittedAt.getTime() > deadline.getTime();
}

/** The moment a day's report locks: the end of the day `expiryDays` after it (Beijing). */
export function lockInstant(day: string, expiryDays: number): Date {
  return shanghaiInstant(addDays(day, expiryDays + 1), '00:00');
}

export interface LockException {
  grantedBy: string;
  grantedAt: Date;
  reason: string;
  /** Corrections are accepted under it until this moment. */
  expiresAt: Date;
}

export interface Correction {
  correction: number;
  at: Date;
  by: string;
  reason: string;
  changedFields: string[];
  before: Partial<DailyReportCounts>;
  after: Partial<DailyReportCounts>;
  underLockException: boolean;
}

/**
 * Decides a correction: which figures change and whether the period's lock allows it. Refuses a
 * correction of a day never reported (file it late instead), of a locked period without a
 * current exception, and one that changes nothing.
 */
export function decideCorrection(
  report: {
    status: ReportStatus;
    counts?: DailyReportCounts;
    corrections?: Correction[];
    lockException?: LockException;
    reportDate: string;
  },
  next: CheckedCounts,
  lockAt: Date,
  now: Date,
): { changedFields: (keyof DailyReportCounts)[]; underLockException: boolean; correction: number } {
  if (report.status !== 'submitted' || !report.counts) {
    throw DomainError.conflict('ReportNotSubmitted', `there is no report for ${report.reportDate} to correct; file it (late) instead`, {
      rule: 'correct-only-submitted',
    });
  }
  let underLockException = false;
  if (now.getTime() >= lockAt.getTime()) {
    const exception = report.lockException;
    if (!exception || exception.expiresAt.getTime() <= now.getTime()) {
      throw DomainError.conflict(
        'ReportPeriodLocked',
        `the report for ${report.reportDate} locked at ${lockAt.toISOString()} (expiry days of the region); a county officer may grant a lock exception`,
        { rule: 'period-locked', lockedAt: lockAt.toISOString() },
      );
    }
    underLockException = true;
  }
  const changedFields = [...DAILY_REPORT_FIGURES, ...DAILY_REPORT_OPTIONAL_FIGURES].filter(
    (f) => (report.counts![f] ?? null) !== (next[f] ?? null),
  );
  if (changedFields.length === 0) throw DomainError.invalid('NothingChanged', 'the correction changes no figure', { field: 'counts' });
  return { changedFields, underLockException, correction: (report.corrections?.length ?? 0) + 1 };
}
