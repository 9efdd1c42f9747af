import { isOverdue, IssueStatus } from './rectification-issue';

/**
 * Issue counts for a workload view. Each count is of issues not yet signed off except `signedOff`:
 * - open: notice sent, no evidence yet;
 * - rectifying: evidence submitted and not yet signed off (awaitingRevisit + awaitingSignOff);
 * - awaitingRevisit: evidence submitted, no verification revisit since;
 * - awaitingSignOff: revisit accepted, sign-off (销号) pending;
 * - reopened: revisit not accepted, new evidence awaited;
 * - signedOff: signed off (销号);
 * - overdue: not signed off and past the end of the due day (Asia/Shanghai); overlaps the others;
 * - total: every issue counted.
 */
export interface IssueCounts {
  open: number;
  rectifying: number;
  awaitingRevisit: number;
  awaitingSignOff: number;
  reopened: number;
  signedOff: number;
  overdue: number;
  total: number;
}

/**
 * The counts for a division, with `byDivision` keyed by the division code one level down (an
 * issue filed at the division itself counts under its own code).
 */
export interface IssueSummary extends IssueCounts {
  divisionCode: string;
  /** The Shanghai day the overdue count is for. */
  asOf: string;
  byDivision: Record<string, IssueCounts>;
}

export type SummaryRow = { divisionCode: string; status: IssueStatus; dueDate: string };

const LENGTHS = [2, 4, 6, 9, 12];

export function emptyCounts(): IssueCounts {
  return { open: 0, rectifying: 0, awaitingRevisit: 0, awaitingSignOff: 0, reopened: 0, signedOff: 0, overdue: 0, total: 0 };
}

function count(c: IssueCounts, row: SummaryRow, today: string): void {
  c.total++;
  if (row.status === 'open') c.open++;
  if (row.status === 'rectifying' || row.status === 'verified') c.rectifying++;
  if (row.status === 'rectifying') c.awaitingRevisit++;
  if (row.status === 'verified') c.awaitingSignOff++;
  if (row.status === 'reopened') c.reopened++;
  if (row.status === 'signed-off') c.signedOff++;
  if (isOverdue(row, today)) c.overdue++;
}

/** The division one level below `divisionCode` that contains `code` (or `code` itself when it is not below). */
export function childDivision(divisionCode: string, code: string): string {
  const next = LENGTHS.find((n) => n > divisionCode.length);
  return next && code.length >= next ? code.slice(0, next) : code;
}

export function summarize(divisionCode: string, rows: readonly SummaryRow[], today: string): IssueSummary {
  const total = emptyCounts();
  const byDivision: Record<string, IssueCounts> = {};
  for (const row of rows) {
    count(total, row, today);
    const child = childDivision(divisionCode, row.divisionCode);
    count((byDivision[child] ??= emptyCounts()), row, today);
  }
  return { divisionCode, asOf: today, ...total, byDivision };
}
