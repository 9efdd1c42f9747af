import type { LowIncomeCheckFinding, LowIncomeWarningKind, LowIncomeWarningLevel } from '@civil/contracts';
import { DomainError } from '@civil/kernel';

/**
 * A low-income warning (低收入人口监测预警, seed 003 篇八: 数据比对 → 预警核实 → 救助帮扶): a change the
 * monthly data comparison found about a household (or a person who is a household of one) — medical
 * expenses, a disability, unemployment, a death in the household — or a task of the yearly campaign
 * (每年一次集中排查). It is graded (一级/二级/三级) on the region's table, and the township checks at
 * home (入户核查) within its grade's limit, filing what it found: no change, needs assistance (an
 * application starts), or not eligible (登记备案, with the reason). Past the limit unchecked it is
 * overdue, once: 应救未救 risk.
 */

export const DAY_MS = 86_400_000;

export type WarningSubjectType = 'household' | 'person';
export type WarningStatus = 'pending' | 'checked';

export interface HomeCheck {
  finding: LowIncomeCheckFinding;
  checkedAt: Date;
  recordedAt: Date;
  by: string;
  /** What the officer noted (kept here, never published). */
  note: string | null;
  /** Required for not-eligible (登记备案). */
  reason: string | null;
  /** The application started for needs-assistance. */
  applicationId: string | null;
  /** Filed after the due time. */
  late: boolean;
}

export interface LowIncomeWarning {
  warningId: string;
  /** Where it came from: a department's comparison (医保, 残联, 人社, 公安 …) or `campaign`. */
  source: string;
  /** The record id in that source (the import is idempotent on it), or the campaign task's subject. */
  sourceRecordId: string;
  campaignId: string | null;
  kind: LowIncomeWarningKind;
  level: LowIncomeWarningLevel;
  subjectType: WarningSubjectType;
  subjectId: string;
  divisionCode: string;
  divisionAncestors: string[];
  /** Township (9 digits) that checks. */
  townshipCode: string;
  /** The comparison's month or day as the source gives it (free form, e.g. `2026-03`). */
  comparedOn: string | null;
  raisedAt: Date;
  limitDays: number;
  dueAt: Date;
  status: WarningStatus;
  /** Set once, by the sweep, when found past its due time unchecked. */
  overdueAt: Date | null;
  check: HomeCheck | null;
  createdBy: string;
}

/** The grade of each kind (1 most urgent) and the days each grade has for the home check, in a region on a day. */
export interface GradingRules {
  levelOf: Record<LowIncomeWarningKind, LowIncomeWarningLevel>;
  limitDays: Record<LowIncomeWarningLevel, number>;
}

export interface NewWarning {
  warningId: string;
  source: string;
  sourceRecordId: string;
  campaignId?: string | null;
  kind: LowIncomeWarningKind;
  subjectType: WarningSubjectType;
  subjectId: string;
  divisionCode: string;
  divisionAncestors: string[];
  comparedOn?: string | null;
  by: string;
}

/** A new warning graded by its region's rules on the day it arrives: its level and its due time. */
export function raiseWarning(w: NewWarning, rules: GradingRules, at: Date): LowIncomeWarning {
  if (!/^\d{9}/.test(w.divisionCode)) {
    throw DomainError.invalid(
      'TownshipRequired',
      'a warning is checked by a township: divisionCode must be a township (9 digits) or finer',
      {
        field: 'divisionCode',
      },
    );
  }
  const level = rules.levelOf[w.kind];
  const limitDays = rules.limitDays[level];
  return {
    warningId: w.warningId,
    source: w.source,
    sourceRecordId: w.sourceRecordId,
    campaignId: w.campaignId ?? null,
    kind: w.kind,
    level,
    subjectType: w.subjectType,
    subjectId: w.subjectId,
    divisionCode: w.divisionCode,
    divisionAncestors: w.divisionAncestors,
    townshipCode: w.divisionCode.slice(0, 9),
    comparedOn: w.comparedOn ?? null,
    raisedAt: at,
    limitDays,
    dueAt: new Date(at.getTime() + limitDays * DAY_MS),
    status: 'pending',
    overdueAt: null,
    check: null,
    createdBy: w.by,
  };
}

/** Unchecked and past its due time (a check exactly at the due time is on time), not yet signalled. */
export function becameOverdue(w: Pick<LowIncomeWarning, 'status' | 'dueAt' | 'overdueAt'>, now: Date): boolean {
  return w.status === 'pending' && w.overdueAt === null && now.getTime() > w.dueAt.getTime();
}

export function markOverdue(w: LowIncomeWarning, now: Date): LowIncomeWarning {
  if (!becameOverdue(w, now)) throw new Error(`warning ${w.warningId} is not newly overdue`);
  return { ...w, overdueAt: now };
}

/** Whether it is past its due time unchecked now (whether or not the sweep has seen it yet). */
export function isOverdue(w: Pick<LowIncomeWarning, 'status' | 'dueAt'>, now: Date): boolean {
  return w.status === 'pending' && now.getTime() > w.dueAt.getTime();
}

export interface CheckInput {
  finding: LowIncomeCheckFinding;
  checkedAt: Date;
  note: string | null;
  reason: string | null;
  applicationId: string | null;
  by: string;
}

/** Refusals a check can meet before anything is done about it (an application is started only after these pass). */
export function assertCheckable(w: LowIncomeWarning, input: Pick<CheckInput, 'finding' | 'checkedAt' | 'reason'>, now: Date): void {
  if (w.status === 'checked') {
    throw DomainError.conflict('AlreadyChecked', `warning ${w.warningId} was checked on ${w.check!.checkedAt.toISOString()}`, {
      warningId: w.warningId,
      rule: 'one-check-per-warning',
    });
  }
  if (input.finding === 'not-eligible' && !input.reason?.trim()) {
    throw DomainError.invalid('ReasonRequired', 'a not-eligible finding (登记备案) needs the reason', { field: 'reason' });
  }
  if (input.checkedAt.getTime() > now.getTime()) {
    throw DomainError.invalid('CheckedInFuture', 'checkedAt may not be later than now', { field: 'checkedAt' });
  }
  if (input.checkedAt.getTime() < w.raisedAt.getTime()) {
    throw DomainError.invalid('CheckedBeforeWarning', 'checkedAt may not be before the warning was raised', { field: 'checkedAt' });
  }
}

/** Files the home check: the warning is settled, late if made after its due time. */
export function fileCheck(w: LowIncomeWarning, input: CheckInput, now: Date): LowIncomeWarning {
  assertCheckable(w, input, now);
  if (input.finding === 'needs-assistance' && !input.applicationId) {
    throw new Error('a needs-assistance check records the application it started');
  }
  return {
    ...w,
    status: 'checked',
    check: {
      finding: input.finding,
      checkedAt: input.checkedAt,
      recordedAt: now,
      by: input.by,
      note: input.note,
      reason: input.finding === 'not-eligible' ? input.reason!.trim() : null,
      applicationId: input.finding === 'needs-assistance' ? input.applicationId : null,
      late: input.checkedAt.getTime() > w.dueAt.getTime(),
    },
  };
}

/** Coverage of a set of check tasks (one township's of a campaign): checked, due, and overdue now. */
export interface Coverage {
  due: number;
  checked: number;
  overdue: number;
}

export function coverageOf(tasks: readonly Pick<LowIncomeWarning, 'status' | 'dueAt'>[], now: Date): Coverage {
  return tasks.reduce(
    (c, t) => ({ due: c.due + 1, checked: c.checked + (t.status === 'checked' ? 1 : 0), overdue: c.overdue + (isOverdue(t, now) ? 1 : 0) }),
    { due: 0, checked: 0, overdue: 0 },
  );
}
