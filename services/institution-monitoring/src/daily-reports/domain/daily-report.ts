import { DomainError, isLocalDate, shanghaiDate } from '@civil/kernel';
import type { DailyReportCounts } from '@civil/contracts';
import { DAILY_REPORT_COUNT_FIELDS } from '@civil/contracts';

/**
 * The daily report (日报告). Zero is significant (零报告): every figure must be given, and 0 means
 * "none"; a blank is not a zero and is refused. A report after the deadline is accepted and
 * marked late; a day with no report by the deadline is missed, once.
 */
export type ReportStatus = 'submitted' | 'missed';

export function reportId(unitId: string, day: string): string {
  return `${unitId}:${day}`;
}

export function checkCounts(counts: Partial<Record<keyof DailyReportCounts, unknown>>): DailyReportCounts {
  const blank = DAILY_REPORT_COUNT_FIELDS.filter((f) => counts[f] === undefined || counts[f] === null || counts[f] === '');
  if (blank.length) {
    throw DomainError.invalid('BlankReportFields', `every figure must be reported, 0 when there is none (零报告); blank: ${blank.join(', ')}`, { fields: blank });
  }
  const bad = DAILY_REPORT_COUNT_FIELDS.filter((f) => !Number.isInteger(counts[f]) || (counts[f] as number) < 0);
  if (bad.length) throw DomainError.invalid('InvalidReportFields', `figures must be whole numbers ≥ 0: ${bad.join(', ')}`, { fields: bad });
  const c = counts as DailyReportCounts;
  if (c.confirmed + c.suspected > c.residents + c.staffOnDuty + c.transferred) {
    throw DomainError.invalid('CasesExceedHeadcount', 'suspected + confirmed cannot exceed residents + staff on duty + transferred', { fields: ['suspected', 'confirmed'] });
  }
  return c;
}

export function isZeroReport(counts: DailyReportCounts): boolean {
  return DAILY_REPORT_COUNT_FIELDS.every((f) => f === 'residents' || f === 'staffOnDuty' || counts[f] === 0);
}

/** Which day a report may be for: not the future; the past is allowed (late). */
export function checkReportDay(day: string, now: Date): void {
  if (!isLocalDate(day)) throw DomainError.invalid('InvalidReportDate', `reportDate ${day} is not a date (YYYY-MM-DD)`, { field: 'reportDate' });
  if (day > shanghaiDate(now)) throw DomainError.invalid('ReportDateInFuture', `reportDate ${day} is in the future (today in Beijing time is ${shanghaiDate(now)})`, { field: 'reportDate' });
}

export function isLate(submittedAt: Date, deadline: Date): boolean {
  return submittedAt.getTime() > deadline.getTime();
}
