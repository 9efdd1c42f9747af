import { addDays, DomainError } from '@civil/kernel';
import type { ApplicationKind, HouseholdCategory } from '@civil/contracts';
import { CategoryAssessment, stillQualifies } from './category';
import { EMPLOYMENT_INCOME_KINDS, ExpenseKind, HouseholdStatus, IncomeKind, MemberFlag, Relation } from './household-vocabulary';
import { HouseholdRecheck, RecheckClass, startSchedule } from './recheck';

/**
 * A household (家庭) assessed for 低保 / 低保边缘 / 支出型: its members (people of the registry,
 * by person id), incomes, rigid expenses, assessments, register enrolments and phase-out.
 *
 * Phase-out (渐退期), decided here where the documents are silent:
 * - It starts when an enrolled household is re-assessed and no longer meets its enrolled category's
 *   income test (see `stillQualifies`: at or above the line — "not below" — counts as risen above).
 * - It lasts PHASE_OUT_MONTHS calendar months: started on D, its last day is D + 6 months − 1 day;
 *   the household exits on the first sweep after that day. The household keeps its category and
 *   register through the phase-out.
 * - A re-assessment during the phase-out that meets the test again cancels it (back to enrolled;
 *   no event of its own — the HouseholdCategoryDetermined of that assessment says why, and the
 *   household's history records 'cancelled'). One that still fails leaves the phase-out as it is
 *   (the clock is not restarted).
 * - In a medium/high-risk area exits are paused: the clock is NOT extended, the exit just waits and
 *   happens at the first sweep after the area is low again (the household keeps its benefit meanwhile).
 */
export const PHASE_OUT_MONTHS = 6;

export interface HouseholdMember {
  personId: string;
  relation: Relation;
  flags: MemberFlag[];
  canWork: boolean;
}

export interface HouseholdIncome {
  incomeId: string;
  /** The earner, or null for income of the household as a whole. */
  personId: string | null;
  kind: IncomeKind;
  monthlyFen: number;
  verifiable: boolean;
  /** Employment costs (就业成本) of a wage income, fen a month; absent: none declared (older incomes too). */
  employmentCostFen?: number;
}

export interface HouseholdExpense {
  expenseId: string;
  personId: string | null;
  kind: ExpenseKind;
  monthlyFen: number;
}

export interface HouseholdAssessment extends CategoryAssessment {
  assessmentId: string;
  previousCategory: HouseholdCategory | null;
  /** Assessment day (Beijing) the settings were read for. */
  day: string;
  at: Date;
  by: string;
}

export interface Enrolment {
  applicationId: string;
  kind: ApplicationKind;
  category: HouseholdCategory;
  from: string;
  /** First day no longer enrolled; null while current. */
  to: string | null;
}

export interface PhaseOut {
  category: HouseholdCategory;
  startedAt: Date;
  startedOn: string;
  /** Last day of the phase-out. */
  endsOn: string;
  incomePerMemberFen: number;
  standardFen: number;
  /**
   * Absent: the income rose above the line (渐退期). 'no-longer-eligible': a re-check found the
   * household no longer eligible; its "phase-out" ended the day before, so the household exits at
   * the next sweep (paused in a medium/high-risk area) and no assessment cancels it.
   */
  reason?: 'no-longer-eligible';
}

export interface PhaseOutRecord {
  what: 'started' | 'cancelled' | 'exited' | 'exit-pending';
  at: Date;
  endsOn: string;
  category: HouseholdCategory;
  /** On an exit a re-check decided ('exit-pending', then 'exited'). */
  reason?: 'no-longer-eligible';
}

export interface Household {
  householdId: string;
  divisionCode: string;
  divisionAncestors: string[];
  members: HouseholdMember[];
  incomes: HouseholdIncome[];
  expenses: HouseholdExpense[];
  status: HouseholdStatus;
  assessedCategory: HouseholdCategory | null;
  assessments: HouseholdAssessment[];
  enrolledCategory: HouseholdCategory | null;
  enrolments: Enrolment[];
  phaseOut: PhaseOut | null;
  phaseOutHistory: PhaseOutRecord[];
  createdAt: Date;
  createdBy: string;
  updatedAt: Date;
  /**
   * Register changes (members on or off the household's register) a write of this household calls
   * for and PersonRegistry has not yet confirmed made: appended in the SAME compare-and-set update as
   * the member change, removed once made (the phase-out sweep retries them). Absent on older households.
   */
  registerSyncPending?: RegisterChange[];
  /** The periodic re-check (定期核查) schedule while enrolled; absent on households enrolled before re-checks. */
  recheck?: HouseholdRecheck;
}

/** Members to put on (from `day`) or take off (on `day`) the register of a household category. */
export interface RegisterChange {
  /** Unique per change: the sweep's pointer to the household carries it. */
  changeId: string;
  action: 'enrol' | 'end';
  category: HouseholdCategory;
  day: string;
  personIds: string[];
  at: Date;
}

/** Appends register changes to a household (they are made in order: a later change wins). */
export function withRegisterChanges(h: Household, changes: readonly RegisterChange[]): Household {
  return changes.length ? { ...h, registerSyncPending: [...(h.registerSyncPending ?? []), ...changes] } : h;
}

/** The last day of a phase-out started on a day: PHASE_OUT_MONTHS months on, less a day (month ends clamp). */
export function phaseOutEndsOn(startedOn: string): string {
  const [y, m, d] = startedOn.split('-').map(Number);
  const months = m - 1 + PHASE_OUT_MONTHS;
  const year = y + Math.floor(months / 12);
  const month = (months % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const day = Math.min(d, lastDay);
  const same = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return addDays(same, -1);
}

export type AssessmentOutcome = 'recorded' | 'phase-out-started' | 'phase-out-cancelled';

/**
 * Records an assessment and what it does to an enrolled household's phase-out.
 */
export function recordAssessment(h: Household, a: HouseholdAssessment): { next: Household; outcome: AssessmentOutcome } {
  const base: Household = { ...h, assessedCategory: a.category, assessments: [...h.assessments, a], updatedAt: a.at };
  if (h.status === 'enrolled' && h.enrolledCategory && !stillQualifies(h.enrolledCategory, a)) {
    const phaseOut: PhaseOut = {
      category: h.enrolledCategory,
      startedAt: a.at,
      startedOn: a.day,
      endsOn: phaseOutEndsOn(a.day),
      incomePerMemberFen: a.incomePerMemberFen,
      standardFen: a.standardFen,
    };
    return {
      next: {
        ...base,
        status: 'phase-out',
        phaseOut,
        phaseOutHistory: [...h.phaseOutHistory, { what: 'started', at: a.at, endsOn: phaseOut.endsOn, category: phaseOut.category }],
      },
      outcome: 'phase-out-started',
    };
  }
  if (h.status === 'phase-out' && h.phaseOut && !h.phaseOut.reason && stillQualifies(h.phaseOut.category, a)) {
    return {
      next: {
        ...base,
        status: 'enrolled',
        phaseOut: null,
        phaseOutHistory: [...h.phaseOutHistory, { what: 'cancelled', at: a.at, endsOn: h.phaseOut.endsOn, category: h.phaseOut.category }],
      },
      outcome: 'phase-out-cancelled',
    };
  }
  return { next: base, outcome: 'recorded' };
}

/** Whether the phase-out is over on a day (its last day has passed). */
export function phaseOutEnded(h: Household, today: string): boolean {
  return h.status === 'phase-out' && h.phaseOut !== null && h.phaseOut.endsOn < today;
}

/** Exits a household whose phase-out has ended; 409 otherwise. */
export function exitAfterPhaseOut(
  h: Household,
  at: Date,
  today: string,
): { next: Household; previousCategory: HouseholdCategory; reason: 'phase-out-ended' | 'no-longer-eligible' } {
  if (!phaseOutEnded(h, today) || !h.phaseOut) {
    throw DomainError.conflict(
      'PhaseOutNotEnded',
      `household ${h.householdId} exits only after its phase-out has ended (status ${h.status})`,
      { rule: 'phase-out-not-ended' },
    );
  }
  const previousCategory = h.phaseOut.category;
  const reason = h.phaseOut.reason;
  const enrolments = h.enrolments.map((e) => (e.to === null ? { ...e, to: today } : e));
  const record: PhaseOutRecord = {
    what: 'exited',
    at,
    endsOn: h.phaseOut.endsOn,
    category: previousCategory,
    ...(reason ? { reason } : {}),
  };
  return {
    next: {
      ...h,
      status: 'exited',
      enrolledCategory: null,
      enrolments,
      phaseOut: null,
      phaseOutHistory: [...h.phaseOutHistory, record],
      ...(h.recheck ? { recheck: { ...h.recheck, dueOn: null } } : {}),
      updatedAt: at,
    },
    previousCategory,
    reason: reason ?? 'phase-out-ended',
  };
}

/**
 * A re-check found an enrolled household (or one in phase-out) no longer eligible: it leaves its
 * register by the phase-out sweep's exit — the sweep after the re-check's day, or once the area is
 * low again (seed 004: 暂停低保退出工作 in medium/high-risk areas). It keeps its benefit until then.
 */
export function exitAfterRecheck(h: Household, day: string, at: Date): Household {
  if ((h.status !== 'enrolled' && h.status !== 'phase-out') || !h.enrolledCategory)
    throw DomainError.conflict('NotEnrolled', `household ${h.householdId} is not on a register (status ${h.status})`, {
      rule: 'recheck-while-enrolled',
    });
  const latest = h.assessments.at(-1);
  const phaseOut: PhaseOut = {
    category: h.phaseOut?.category ?? h.enrolledCategory,
    startedAt: at,
    startedOn: day,
    endsOn: addDays(day, -1),
    incomePerMemberFen: latest?.incomePerMemberFen ?? 0,
    standardFen: latest?.standardFen ?? 0,
    reason: 'no-longer-eligible',
  };
  return {
    ...h,
    status: 'phase-out',
    phaseOut,
    phaseOutHistory: [
      ...h.phaseOutHistory,
      { what: 'exit-pending', at, endsOn: phaseOut.endsOn, category: phaseOut.category, reason: 'no-longer-eligible' },
    ],
    updatedAt: at,
  };
}

/** Application kinds that put a household on a register, and the category each gives. */
export const ENROLLING_KINDS: Partial<Record<ApplicationKind, HouseholdCategory>> = {
  dibao: 'dibao',
  'near-dibao': 'near-dibao',
  'expenditure-poverty': 'expenditure-poverty',
};

/**
 * Records an approved application's enrolment: the household is on the register of its category
 * from the day. Idempotent per application id (`recorded: false` when it was recorded before).
 * A later approval of another category replaces the current one (and cancels a phase-out).
 */
export function recordEnrolment(
  h: Household,
  kind: ApplicationKind,
  applicationId: string,
  day: string,
  at: Date,
  recheckCadence?: Record<RecheckClass, number>,
): { next: Household; recorded: boolean; previousCategory: HouseholdCategory | null } {
  const category = ENROLLING_KINDS[kind];
  if (!category)
    throw DomainError.invalid('NotAHouseholdRegister', `an application of kind ${kind} does not put a household on a register`, {
      field: 'kind',
    });
  if (h.enrolments.some((e) => e.applicationId === applicationId))
    return { next: h, recorded: false, previousCategory: h.enrolledCategory };
  const previousCategory = h.enrolledCategory;
  const enrolments = h.enrolments.map((e) => (e.to === null ? { ...e, to: day } : e));
  return {
    next: {
      ...h,
      status: 'enrolled',
      enrolledCategory: category,
      enrolments: [...enrolments, { applicationId, kind, category, from: day, to: null }],
      phaseOut: null,
      // the re-check cycle starts from the enrolment day (keeping the class a re-check set)
      ...(recheckCadence
        ? { recheck: { ...startSchedule(day, recheckCadence, h.recheck?.recheckClass), records: h.recheck?.records ?? [] } }
        : {}),
      updatedAt: at,
    },
    recorded: true,
    previousCategory,
  };
}

/** Adds a member; 409 if the person is one already. */
export function addMember(h: Household, m: HouseholdMember, at: Date): Household {
  if (h.members.some((x) => x.personId === m.personId))
    throw DomainError.conflict('AlreadyMember', 'this person is already a member of the household', {
      rule: 'one-person-once',
      personId: m.personId,
    });
  if (h.status === 'exited')
    throw DomainError.conflict('HouseholdExited', 'an exited household is not changed; register it again', { rule: 'exited-is-final' });
  return { ...h, members: [...h.members, m], updatedAt: at };
}

export function changeMember(
  h: Household,
  personId: string,
  change: Partial<Pick<HouseholdMember, 'relation' | 'flags' | 'canWork'>>,
  at: Date,
): Household {
  if (!h.members.some((x) => x.personId === personId))
    throw DomainError.notFound('MemberNotFound', `no member ${personId} in household ${h.householdId}`, { personId });
  return { ...h, members: h.members.map((m) => (m.personId === personId ? { ...m, ...change } : m)), updatedAt: at };
}

/** Removes a member with their incomes and expenses; the last member stays (409). */
export function removeMember(h: Household, personId: string, at: Date): Household {
  if (!h.members.some((x) => x.personId === personId))
    throw DomainError.notFound('MemberNotFound', `no member ${personId} in household ${h.householdId}`, { personId });
  if (h.members.length === 1)
    throw DomainError.conflict('LastMember', 'a household keeps at least one member', { rule: 'at-least-one-member' });
  return {
    ...h,
    members: h.members.filter((m) => m.personId !== personId),
    incomes: h.incomes.filter((i) => i.personId !== personId),
    expenses: h.expenses.filter((e) => e.personId !== personId),
    updatedAt: at,
  };
}

/**
 * Employment costs are declared on wage incomes only, and are not more than the income (400 naming
 * `incomes.<n>.employmentCostFen`).
 */
export function assertEmploymentCosts(incomes: readonly Pick<HouseholdIncome, 'kind' | 'monthlyFen' | 'employmentCostFen'>[]): void {
  incomes.forEach((i, n) => {
    if (i.employmentCostFen === undefined) return;
    const field = `incomes.${n}.employmentCostFen`;
    if (!EMPLOYMENT_INCOME_KINDS.includes(i.kind))
      throw DomainError.invalid('EmploymentCostNotOnWages', `${field}: employment costs (就业成本) are declared on wages only`, { field });
    if (i.employmentCostFen > i.monthlyFen)
      throw DomainError.invalid('EmploymentCostAboveIncome', `${field}: employment costs are not more than the income (monthlyFen)`, {
        field,
      });
  });
}

/** Replaces incomes and/or expenses; each earner must be a member (400 naming the field). */
export function replaceFinances(h: Household, change: { incomes?: HouseholdIncome[]; expenses?: HouseholdExpense[] }, at: Date): Household {
  const members = new Set(h.members.map((m) => m.personId));
  if (change.incomes) assertEmploymentCosts(change.incomes);
  change.incomes?.forEach((i, n) => {
    if (i.personId !== null && !members.has(i.personId))
      throw DomainError.invalid('NotAMember', `incomes.${n}.personId is not a member of the household`, { field: `incomes.${n}.personId` });
  });
  change.expenses?.forEach((e, n) => {
    if (e.personId !== null && !members.has(e.personId))
      throw DomainError.invalid('NotAMember', `expenses.${n}.personId is not a member of the household`, {
        field: `expenses.${n}.personId`,
      });
  });
  return { ...h, incomes: change.incomes ?? h.incomes, expenses: change.expenses ?? h.expenses, updatedAt: at };
}
