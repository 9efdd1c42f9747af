import type { ApplicationKind, ApplicationStatus, ApplicationStep, ReliefRegister } from '@civil/contracts';
import { covers, divisionAncestors, DomainError } from '@civil/kernel';
import type {
  ExpeditedReason,
  FollowUpReason,
  FollowUpResolution,
  IneligibleReason,
  ReviewCheck,
  SupportMode,
  WithdrawalReason,
} from './application-labels';
import { DeadlineFlags, isPastDue, stepDueAt, stepLimitDays, StepLimits } from './step-deadlines';

/**
 * A relief application: 申请 → 受理 → 审核 → 认定 → 发放 (submitted → accepted → reviewed →
 * approved/rejected → disbursed), or withdrawn before the decision. Each step has a time limit;
 * 先行救助 pays first and reviews after; 一事一议 decides above normal amounts at county level with
 * a recorded rationale; the decider is never who entered or reviewed it (maker-checker).
 */

/** Kinds that are a household's (低保, 低保边缘, 支出型): they need a household, and approval enrols it. */
export const HOUSEHOLD_KINDS: readonly ApplicationKind[] = ['dibao', 'near-dibao', 'expenditure-poverty'];
/** One-off payments (临时救助); the others are monthly. */
export const ONE_OFF_KINDS: readonly ApplicationKind[] = ['temporary-relief'];

/** Where each status waits; null when finished. */
export const STEP_OF_STATUS: Record<ApplicationStatus, ApplicationStep | null> = {
  submitted: 'accept',
  accepted: 'review',
  reviewed: 'decide',
  approved: 'disburse',
  rejected: null,
  disbursed: null,
  withdrawn: null,
};

/** Every transition the state allows; anything else is 409. */
export const ALLOWED_TRANSITIONS: Record<ApplicationStatus, readonly ApplicationStatus[]> = {
  submitted: ['accepted', 'withdrawn'],
  accepted: ['reviewed', 'withdrawn'],
  reviewed: ['approved', 'rejected', 'withdrawn'],
  approved: ['disbursed'],
  rejected: [],
  disbursed: [],
  withdrawn: [],
};

/** The normal monthly amount may reach the standard × persons × this (the standard plus supplements). */
export const NORMAL_MONTHLY_MULTIPLE = 1.5;

export type Level = 'county' | 'township';

/** Who acts, as far as the rules care. */
export interface Actor {
  sub: string;
  roles: readonly string[];
  jurisdiction: string;
}

export interface TransitionRecord {
  from: ApplicationStatus | null;
  to: ApplicationStatus;
  at: Date;
  by: string;
  /** 'prior-relief-paid' for the payment made first; otherwise the transition itself. */
  note?: string;
}

export interface Review {
  outcome: 'eligible' | 'ineligible';
  checksDone: ReviewCheck[];
  /** Checks a simplified review did without. */
  checksWaived: ReviewCheck[];
  reason: IneligibleReason | null;
  by: string;
  at: Date;
}

/**
 * 供养方式 of an approved 特困 application, as the county decides it (seed 003 篇八: 经县级人民政府民政部门
 * 审核确认): 集中供养 in a 敬老院 / 特困供养机构 (the institution named), or 分散供养 at home.
 */
export interface ExtremePovertySupport {
  mode: SupportMode;
  /** The 敬老院 / 特困供养机构 (unit id) for 集中供养; null for 分散供养. */
  institutionId: string | null;
}

/** The register a 特困 person is on, by 供养方式. */
export function extremePovertyRegister(
  mode: SupportMode,
): Extract<ReliefRegister, 'dispersed-extreme-poverty' | 'concentrated-extreme-poverty'> {
  return mode === 'concentrated' ? 'concentrated-extreme-poverty' : 'dispersed-extreme-poverty';
}

/**
 * The open 特困 memberships an approval of another application replaces: those earlier county
 * decisions made (a list entry's, from older versions, are the entry's to end).
 */
export function supersededExtremePoverty<M extends { register: ReliefRegister; sourceType: string; sourceId: string; to: string | null }>(
  memberships: readonly M[],
  applicationId: string,
): M[] {
  return memberships.filter(
    (m) =>
      m.to === null &&
      m.sourceType === 'application' &&
      m.sourceId !== applicationId &&
      (m.register === 'dispersed-extreme-poverty' || m.register === 'concentrated-extreme-poverty'),
  );
}

export interface Decision {
  decision: 'approved' | 'rejected';
  level: Level;
  amountFen: number;
  /** Above the normal amount or for a major hardship: 一事一议 with its rationale. */
  caseByCase: boolean;
  rationale: string | null;
  reason: IneligibleReason | null;
  priorReliefRejected: boolean;
  /** 特困 only, when approved: 供养方式 and institution (absent on decisions of other kinds). */
  support?: ExtremePovertySupport | null;
  by: string;
  at: Date;
}

export interface FollowUp {
  reason: FollowUpReason;
  /** What was paid first and must be recovered or written off. */
  amountFen: number;
  openedAt: Date;
  resolution: FollowUpResolution | null;
  note: string | null;
  resolvedBy: string | null;
  resolvedAt: Date | null;
}

export interface Application {
  applicationId: string;
  kind: ApplicationKind;
  /** Where the applicant lives (township or village). */
  divisionCode: string;
  divisionAncestors: string[];
  householdId: string | null;
  applicantId: string;
  /** Persons the relief is for (household members, or 1). */
  persons: number;
  status: ApplicationStatus;
  priorRelief: boolean;
  caseByCase: boolean;
  simplifiedReview: boolean;
  expedited: boolean;
  expeditedReason: ExpeditedReason | null;
  requestedAmountFen: number | null;
  /** 先行救助: what was paid at submission. */
  priorPayment: { amountFen: number; by: string; at: Date } | null;
  /** The step waited on, when it was entered and when it is due. */
  step: ApplicationStep | null;
  stepEnteredAt: Date | null;
  stepDueAt: Date | null;
  /** Steps already reported overdue (once each). */
  overdueSteps: ApplicationStep[];
  submittedBy: string;
  submittedAt: Date;
  acceptedBy: string | null;
  acceptedAt: Date | null;
  review: Review | null;
  decision: Decision | null;
  disbursement: { amountFen: number; by: string; at: Date } | null;
  withdrawal: { reason: WithdrawalReason; by: string; at: Date } | null;
  followUp: FollowUp | null;
  /** Approval of a household kind puts the household on the register, of 特困 the applicant; pending until done. */
  enrolment: { pending: boolean; doneAt: Date | null } | null;
  history: TransitionRecord[];
}

/** What a transition reports (one event each). */
export interface TransitionFacts {
  from: ApplicationStatus | null;
  to: ApplicationStatus;
  at: Date;
  nextStep: ApplicationStep | null;
  nextDueAt: Date | null;
}

export type Change =
  | ({ type: 'submitted' } & TransitionFacts)
  | ({ type: 'prior-relief-paid'; amountFen: number } & TransitionFacts)
  | ({ type: 'accepted' } & TransitionFacts)
  | ({ type: 'reviewed'; outcome: Review['outcome'] } & TransitionFacts)
  | ({ type: 'decided'; decision: Decision['decision']; level: Level; amountFen: number; priorReliefRejected: boolean } & TransitionFacts)
  | ({ type: 'disbursed'; amountFen: number } & TransitionFacts)
  | ({ type: 'withdrawn' } & TransitionFacts)
  | { type: 'overdue'; step: ApplicationStep; status: ApplicationStatus; dueAt: Date; detectedAt: Date };

export interface Outcome {
  next: Application;
  changes: Change[];
}

export interface NewApplication {
  applicationId: string;
  kind: ApplicationKind;
  divisionCode: string;
  householdId: string | null;
  applicantId: string;
  persons: number;
  caseByCase: boolean;
  expeditedReason: ExpeditedReason | null;
  requestedAmountFen: number | null;
  /** 先行救助: the amount paid now. */
  priorReliefFen: number | null;
  /** The area is at medium or high risk now. */
  elevatedRisk: boolean;
}

function flagsOf(a: Pick<Application, 'kind' | 'simplifiedReview' | 'expedited'>): DeadlineFlags {
  return { kind: a.kind, simplifiedReview: a.simplifiedReview, expedited: a.expedited };
}

/** The application entering a status at a moment: its step and that step's due instant. */
function enter(a: Application, to: ApplicationStatus, at: Date, limits: StepLimits | null): Application {
  const step = STEP_OF_STATUS[to];
  if (!step || !limits) return { ...a, status: to, step: null, stepEnteredAt: null, stepDueAt: null };
  return { ...a, status: to, step, stepEnteredAt: at, stepDueAt: stepDueAt(at, stepLimitDays(flagsOf(a), step, limits)) };
}

function facts(before: Application, after: Application, at: Date): TransitionFacts {
  return { from: before.status, to: after.status, at, nextStep: after.step, nextDueAt: after.stepDueAt };
}

/** 409 naming the rule, unless the state allows going to `to`. */
export function assertTransition(a: Application, to: ApplicationStatus): void {
  if (!ALLOWED_TRANSITIONS[a.status].includes(to)) {
    throw DomainError.conflict(
      'TransitionNotAllowed',
      `an application that is ${a.status} cannot become ${to} (allowed: ${ALLOWED_TRANSITIONS[a.status].join(', ') || 'none, it is finished'})`,
      {
        rule: 'status-transition',
        status: a.status,
        to,
      },
    );
  }
}

/** 申请: the application as entered; with 先行救助 it is paid at once (and reviewed after). */
export function submit(input: NewApplication, by: Actor, at: Date, limits: StepLimits): Outcome {
  if (HOUSEHOLD_KINDS.includes(input.kind) && !input.householdId) {
    throw DomainError.invalid('HouseholdRequired', `an application for ${input.kind} is a household's: householdId is required`, {
      field: 'householdId',
    });
  }
  if (input.priorReliefFen !== null && input.priorReliefFen <= 0) {
    throw DomainError.invalid('InvalidPriorRelief', 'priorReliefFen must be a positive amount in fen', { field: 'priorReliefFen' });
  }
  const priorRelief = input.priorReliefFen !== null;
  const draft: Application = {
    applicationId: input.applicationId,
    kind: input.kind,
    divisionCode: input.divisionCode,
    divisionAncestors: divisionAncestors(input.divisionCode),
    householdId: input.householdId,
    applicantId: input.applicantId,
    persons: Math.max(1, input.persons),
    status: 'submitted',
    priorRelief,
    caseByCase: input.caseByCase,
    simplifiedReview: input.elevatedRisk,
    expedited: input.expeditedReason !== null,
    expeditedReason: input.expeditedReason,
    requestedAmountFen: input.requestedAmountFen,
    priorPayment: priorRelief ? { amountFen: input.priorReliefFen!, by: by.sub, at } : null,
    step: null,
    stepEnteredAt: null,
    stepDueAt: null,
    overdueSteps: [],
    submittedBy: by.sub,
    submittedAt: at,
    acceptedBy: null,
    acceptedAt: null,
    review: null,
    decision: null,
    disbursement: null,
    withdrawal: null,
    followUp: null,
    enrolment: null,
    history: [{ from: null, to: 'submitted', at, by: by.sub }],
  };
  const next = enter(draft, 'submitted', at, limits);
  const submitted: Change = { type: 'submitted', from: null, to: 'submitted', at, nextStep: next.step, nextDueAt: next.stepDueAt };
  if (!priorRelief) return { next, changes: [submitted] };
  // 先行救助: paid now; the application stays submitted, awaiting acceptance and review after
  const paid: Change = {
    type: 'prior-relief-paid',
    amountFen: input.priorReliefFen!,
    from: 'submitted',
    to: 'submitted',
    at,
    nextStep: next.step,
    nextDueAt: next.stepDueAt,
  };
  return {
    next: { ...next, history: [...next.history, { from: 'submitted', to: 'submitted', at, by: by.sub, note: 'prior-relief-paid' }] },
    changes: [submitted, paid],
  };
}

/** 受理: the township takes it up. */
export function accept(a: Application, by: Actor, at: Date, limits: StepLimits): Outcome {
  assertTransition(a, 'accepted');
  const next = {
    ...enter(a, 'accepted', at, limits),
    acceptedBy: by.sub,
    acceptedAt: at,
    history: [...a.history, { from: a.status, to: 'accepted' as const, at, by: by.sub }],
  };
  return { next, changes: [{ type: 'accepted', ...facts(a, next, at) }] };
}

export interface ReviewInput {
  outcome: 'eligible' | 'ineligible';
  homeVisit: boolean;
  incomeVerified: boolean;
  reason: IneligibleReason | null;
}

/**
 * 审核: an eligible finding needs the home visit and the income verification, except under a
 * simplified review (medium/high-risk area), where the checks not done are recorded as waived. An
 * ineligible finding names its reason.
 */
export function review(a: Application, input: ReviewInput, by: Actor, at: Date, limits: StepLimits): Outcome {
  assertTransition(a, 'reviewed');
  const done: ReviewCheck[] = [
    ...(input.homeVisit ? (['home-visit'] as const) : []),
    ...(input.incomeVerified ? (['income-verification'] as const) : []),
  ];
  const missing: ReviewCheck[] = (['home-visit', 'income-verification'] as const).filter((c) => !done.includes(c));
  if (input.outcome === 'eligible' && missing.length && !a.simplifiedReview) {
    throw DomainError.invalid(
      'ReviewChecksMissing',
      `an eligible finding needs ${missing.join(' and ')} (only a simplified review in a medium/high-risk area may waive them)`,
      {
        fields: missing.map((c) => (c === 'home-visit' ? 'homeVisit' : 'incomeVerified')),
        rule: 'review-checks',
      },
    );
  }
  if (input.outcome === 'ineligible' && !input.reason) {
    throw DomainError.invalid('ReasonRequired', 'an ineligible finding needs a reason', { field: 'reason' });
  }
  const r: Review = {
    outcome: input.outcome,
    checksDone: done,
    checksWaived: input.outcome === 'eligible' ? missing : [],
    reason: input.outcome === 'ineligible' ? input.reason : null,
    by: by.sub,
    at,
  };
  const next = {
    ...enter(a, 'reviewed', at, limits),
    review: r,
    history: [...a.history, { from: a.status, to: 'reviewed' as const, at, by: by.sub }],
  };
  return { next, changes: [{ type: 'reviewed', outcome: r.outcome, ...facts(a, next, at) }] };
}

/** The level an actor acts at: a county officer of a county, a township officer of a township. */
export function actorLevel(actor: Actor): Level | null {
  if (actor.roles.includes('county-officer') && actor.jurisdiction.length === 6) return 'county';
  if (actor.roles.includes('township-officer') && actor.jurisdiction.length === 9) return 'township';
  return null;
}

/** 认定 is the county's, or the township's where the county delegated it; 一事一议 is always the county's. */
export function requiredLevel(delegatedToTownship: boolean, caseByCase: boolean): Level {
  if (caseByCase) return 'county';
  return delegatedToTownship ? 'township' : 'county';
}

/**
 * Who may decide: the approving level (403 `WrongLevel`), inside its jurisdiction (403), and never
 * who entered or reviewed the application (409 `MakerChecker`).
 */
export function assertMayDecide(a: Application, by: Actor, delegatedToTownship: boolean, caseByCase: boolean): Level {
  const required = requiredLevel(delegatedToTownship, caseByCase);
  const level = actorLevel(by);
  if (level !== required) {
    const why = caseByCase
      ? '一事一议 is decided at county level'
      : delegatedToTownship
        ? 'the county delegated approval to the township'
        : 'approval is at county level (not delegated to the township)';
    throw DomainError.forbidden('WrongLevel', `this application is decided at ${required} level: ${why}`, {
      rule: 'approval-level',
      requiredLevel: required,
      yourLevel: level,
    });
  }
  if (!covers(by.jurisdiction, a.divisionCode)) {
    throw DomainError.forbidden(
      'OutsideJurisdiction',
      `Division ${a.divisionCode} is outside your jurisdiction ${by.jurisdiction} (超出管辖范围)`,
      { jurisdiction: by.jurisdiction, divisionCode: a.divisionCode },
    );
  }
  if (by.sub === a.submittedBy) {
    throw DomainError.conflict('MakerChecker', 'maker-checker: who decides cannot be who entered (submitted) the application', {
      rule: 'decider-not-submitter',
    });
  }
  if (a.review && by.sub === a.review.by) {
    throw DomainError.conflict('MakerChecker', 'maker-checker: who decides cannot be who reviewed the application', {
      rule: 'decider-not-reviewer',
    });
  }
  return level;
}

/**
 * The highest amount decided without 一事一议: monthly, the standard × persons × the region's
 * percent (default 150 %); one-off, the standard × persons × the region's months (default 6).
 */
export function normalMaxFen(
  a: Pick<Application, 'kind' | 'persons'>,
  dibaoStandardFen: number,
  temporaryReliefMaxMonths: number,
  monthlyMaxPercent = NORMAL_MONTHLY_MULTIPLE * 100,
): number {
  if (ONE_OFF_KINDS.includes(a.kind)) return dibaoStandardFen * a.persons * temporaryReliefMaxMonths;
  return Math.floor((dibaoStandardFen * a.persons * monthlyMaxPercent) / 100);
}

export interface DecisionInput {
  decision: 'approved' | 'rejected';
  amountFen: number | null;
  caseByCase: boolean;
  rationale: string | null;
  reason: IneligibleReason | null;
  /** 供养方式: required to approve a 特困 application, refused for any other kind. */
  support?: ExtremePovertySupport | null;
}

export interface DecisionContext {
  delegatedToTownship: boolean;
  normalMaxFen: number;
}

/** The 供养方式 an approval records: required for 特困 (with the institution for 集中供养), refused otherwise. */
function checkedSupport(kind: ApplicationKind, support: ExtremePovertySupport | null): ExtremePovertySupport | null {
  if (kind !== 'extreme-poverty') {
    if (support)
      throw DomainError.invalid('SupportModeNotApplicable', `supportMode is decided only for 特困供养, not ${kind}`, {
        field: 'supportMode',
      });
    return null;
  }
  if (!support)
    throw DomainError.invalid(
      'SupportModeRequired',
      'approving 特困供养 needs supportMode: concentrated (集中供养) or dispersed (分散供养)',
      {
        field: 'supportMode',
      },
    );
  if (support.mode === 'concentrated' && !support.institutionId)
    throw DomainError.invalid('InstitutionRequired', '集中供养 needs institutionId: the 敬老院 / 特困供养机构 the person lives in', {
      field: 'institutionId',
    });
  if (support.mode === 'dispersed' && support.institutionId)
    throw DomainError.invalid('InstitutionNotApplicable', '分散供养 is at home: leave institutionId out', { field: 'institutionId' });
  return { mode: support.mode, institutionId: support.institutionId };
}

/**
 * 认定: approve with an amount (above the normal amount only as 一事一议 with a rationale), or
 * reject with a reason. A rejection of relief already paid first (先行救助) opens a follow-up
 * (recover or write off) and says so on the event.
 */
export function decide(a: Application, input: DecisionInput, by: Actor, at: Date, ctx: DecisionContext, limits: StepLimits): Outcome {
  const caseByCase = a.caseByCase || input.caseByCase;
  const to = input.decision;
  if (caseByCase && !input.rationale?.trim()) {
    throw DomainError.invalid('RationaleRequired', '一事一议 (case-by-case) needs a recorded rationale', {
      field: 'rationale',
      rule: 'case-by-case-rationale',
    });
  }
  assertTransition(a, to);
  const level = assertMayDecide(a, by, ctx.delegatedToTownship, caseByCase);
  let amountFen = 0;
  let reason: IneligibleReason | null = null;
  if (to === 'approved') {
    if (input.amountFen === null || !Number.isInteger(input.amountFen) || input.amountFen <= 0) {
      throw DomainError.invalid('AmountRequired', 'an approval needs amountFen, a positive whole number of fen', { field: 'amountFen' });
    }
    if (input.amountFen > ctx.normalMaxFen && !caseByCase) {
      throw DomainError.invalid(
        'AboveNormalAmount',
        `amountFen ${input.amountFen} is above the normal ${ctx.normalMaxFen}: decide it as 一事一议 (caseByCase) with a rationale`,
        {
          field: 'amountFen',
          normalMaxFen: ctx.normalMaxFen,
          rule: 'case-by-case-above-normal',
        },
      );
    }
    if (a.review?.outcome === 'ineligible' && !caseByCase) {
      throw DomainError.conflict(
        'ReviewFoundIneligible',
        'the review found the application ineligible: it can be approved only as 一事一议 with a rationale',
        { rule: 'approve-after-ineligible-review' },
      );
    }
    amountFen = input.amountFen;
  } else {
    reason = input.reason ?? a.review?.reason ?? null;
    if (!reason) throw DomainError.invalid('ReasonRequired', 'a rejection needs a reason', { field: 'reason' });
  }
  const support = to === 'approved' ? checkedSupport(a.kind, input.support ?? null) : null;
  const priorReliefRejected = to === 'rejected' && a.priorPayment !== null;
  const decision: Decision = {
    decision: to,
    level,
    amountFen,
    caseByCase,
    rationale: caseByCase ? input.rationale!.trim() : null,
    reason,
    priorReliefRejected,
    ...(a.kind === 'extreme-poverty' ? { support } : {}),
    by: by.sub,
    at,
  };
  let next: Application = {
    ...enter(a, to, at, limits),
    caseByCase,
    decision,
    history: [...a.history, { from: a.status, to, at, by: by.sub }],
  };
  if (priorReliefRejected) next = { ...next, followUp: openFollowUp('prior-relief-rejected', a.priorPayment!.amountFen, at) };
  // the county's decision is what puts a person on a register: the household's kinds, and 特困 (the applicant)
  if (to === 'approved' && ((a.householdId && HOUSEHOLD_KINDS.includes(a.kind)) || a.kind === 'extreme-poverty'))
    next = { ...next, enrolment: { pending: true, doneAt: null } };
  return { next, changes: [{ type: 'decided', decision: to, level, amountFen, priorReliefRejected, ...facts(a, next, at) }] };
}

/** What 发放 pays: the approved amount, less what 先行救助 already paid of a one-off. */
export function amountToDisburse(a: Application): number {
  const approved = a.decision?.amountFen ?? 0;
  if (a.priorPayment && ONE_OFF_KINDS.includes(a.kind)) return Math.max(0, approved - a.priorPayment.amountFen);
  return approved;
}

/** 发放: the approved relief is paid. */
export function disburse(a: Application, by: Actor, at: Date): Outcome {
  assertTransition(a, 'disbursed');
  const amountFen = amountToDisburse(a);
  const next = {
    ...enter(a, 'disbursed', at, null),
    disbursement: { amountFen, by: by.sub, at },
    history: [...a.history, { from: a.status, to: 'disbursed' as const, at, by: by.sub }],
  };
  return { next, changes: [{ type: 'disbursed', amountFen, ...facts(a, next, at) }] };
}

/** Withdrawn before the decision; relief already paid first is then followed up. */
export function withdraw(a: Application, reason: WithdrawalReason, by: Actor, at: Date): Outcome {
  assertTransition(a, 'withdrawn');
  let next: Application = {
    ...enter(a, 'withdrawn', at, null),
    withdrawal: { reason, by: by.sub, at },
    history: [...a.history, { from: a.status, to: 'withdrawn' as const, at, by: by.sub }],
  };
  if (a.priorPayment) next = { ...next, followUp: openFollowUp('prior-relief-withdrawn', a.priorPayment.amountFen, at) };
  return { next, changes: [{ type: 'withdrawn', ...facts(a, next, at) }] };
}

function openFollowUp(reason: FollowUpReason, amountFen: number, at: Date): FollowUp {
  return { reason, amountFen, openedAt: at, resolution: null, note: null, resolvedBy: null, resolvedAt: null };
}

/** Records how relief paid first and not upheld was followed up: recovered or written off. */
export function resolveFollowUp(a: Application, resolution: FollowUpResolution, note: string | null, by: Actor, at: Date): Application {
  if (!a.followUp)
    throw DomainError.conflict('NoFollowUp', 'this application has no 先行救助 follow-up to resolve', { rule: 'follow-up-open' });
  if (a.followUp.resolution)
    throw DomainError.conflict('FollowUpResolved', `the follow-up was already resolved (${a.followUp.resolution})`, {
      rule: 'follow-up-once',
    });
  return { ...a, followUp: { ...a.followUp, resolution, note, resolvedBy: by.sub, resolvedAt: at } };
}

/** The step an application is overdue on now and not yet reported, if any. */
export function unreportedOverdueStep(a: Application, now: Date): ApplicationStep | null {
  if (!a.step || !isPastDue(a.stepDueAt, now) || a.overdueSteps.includes(a.step)) return null;
  return a.step;
}

/** Whether the current step is past its limit (reported or not). */
export function isOverdue(a: Application, now: Date): boolean {
  return a.step !== null && isPastDue(a.stepDueAt, now);
}

/** Marks the current step overdue, once (应救未救 risk); null when there is nothing to report. */
export function markOverdue(a: Application, now: Date): Outcome | null {
  const step = unreportedOverdueStep(a, now);
  if (!step) return null;
  return {
    next: { ...a, overdueSteps: [...a.overdueSteps, step] },
    changes: [{ type: 'overdue', step, status: a.status, dueAt: a.stepDueAt!, detectedAt: now }],
  };
}
