import { APPLICATION_STATUSES, ApplicationStatus } from '@civil/contracts';
import { DomainError } from '@civil/kernel';
import {
  extremePovertyRegister,
  supersededExtremePoverty,
  accept,
  ALLOWED_TRANSITIONS,
  amountToDisburse,
  Application,
  DecisionInput,
  decide,
  disburse,
  markOverdue,
  NewApplication,
  normalMaxFen,
  resolveFollowUp,
  review,
  ReviewInput,
  submit,
  withdraw,
} from './application';
import { StepLimits } from './step-deadlines';

const limits: StepLimits = { accept: 3, review: 10, decide: 5, disburse: 10, temporaryRelief: 3 };
const maker = { sub: 'cadre-a', roles: ['township-officer'], jurisdiction: '330521101' };
const reviewer = { sub: 'cadre-b', roles: ['township-officer'], jurisdiction: '330521101' };
const townshipDecider = { sub: 'cadre-c', roles: ['township-officer'], jurisdiction: '330521101' };
const county = { sub: 'officer-330521', roles: ['county-officer'], jurisdiction: '330521' };
const otherCounty = { sub: 'officer-330522', roles: ['county-officer'], jurisdiction: '330522' };
const city = { sub: 'officer-3305', roles: ['city-officer'], jurisdiction: '3305' };
const t0 = new Date('2026-03-02T01:00:00Z'); // 09:00 Beijing, Monday 2 March
const later = (hours: number) => new Date(t0.getTime() + hours * 3_600_000);

const base: NewApplication = {
  applicationId: 'app-1',
  kind: 'dibao',
  divisionCode: '330521101',
  householdId: 'hh-1',
  applicantId: 'p-1',
  persons: 2,
  caseByCase: false,
  expeditedReason: null,
  requestedAmountFen: null,
  priorReliefFen: null,
  elevatedRisk: false,
};
const eligible: ReviewInput = { outcome: 'eligible', homeVisit: true, incomeVerified: true, reason: null };
const ineligible: ReviewInput = { outcome: 'ineligible', homeVisit: true, incomeVerified: true, reason: 'income-above-standard' };
const approve: DecisionInput = { decision: 'approved', amountFen: 150_000, caseByCase: false, rationale: null, reason: null };
const reject: DecisionInput = {
  decision: 'rejected',
  amountFen: null,
  caseByCase: false,
  rationale: null,
  reason: 'income-above-standard',
};
const ctx = { delegatedToTownship: false, normalMaxFen: 315_000 };

function refusal(action: () => unknown): DomainError {
  try {
    action();
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    return e as DomainError;
  }
  throw new Error('expected a refusal');
}

const submitted = (over: Partial<NewApplication> = {}) => submit({ ...base, ...over }, maker, t0, limits).next;
const accepted = (over: Partial<NewApplication> = {}) => accept(submitted(over), reviewer, later(1), limits).next;
const reviewed = (over: Partial<NewApplication> = {}, input = eligible) => review(accepted(over), input, reviewer, later(2), limits).next;
const approved = (over: Partial<NewApplication> = {}) => decide(reviewed(over), approve, county, later(3), ctx, limits).next;

/** An application in each status, reached by the real transitions. */
function inStatus(s: ApplicationStatus): Application {
  switch (s) {
    case 'submitted':
      return submitted();
    case 'accepted':
      return accepted();
    case 'reviewed':
      return reviewed();
    case 'approved':
      return approved();
    case 'rejected':
      return decide(reviewed(), reject, county, later(3), ctx, limits).next;
    case 'disbursed':
      return disburse(approved(), county, later(4)).next;
    case 'withdrawn':
      return withdraw(submitted(), 'applicant-request', maker, later(1)).next;
  }
}

const attempt: Record<ApplicationStatus, ((a: Application) => unknown) | null> = {
  submitted: null,
  accepted: (a) => accept(a, reviewer, later(5), limits),
  reviewed: (a) => review(a, eligible, reviewer, later(5), limits),
  approved: (a) => decide(a, approve, county, later(5), ctx, limits),
  rejected: (a) => decide(a, reject, county, later(5), ctx, limits),
  disbursed: (a) => disburse(a, county, later(5)),
  withdrawn: (a) => withdraw(a, 'applicant-request', maker, later(5)),
};

describe('application state machine', () => {
  const cases = APPLICATION_STATUSES.flatMap((from) => APPLICATION_STATUSES.filter((to) => attempt[to]).map((to) => [from, to] as const));

  it.each(cases)('%s → %s is allowed exactly when the table says so', (from, to) => {
    const a = inStatus(from);
    expect(a.status).toBe(from);
    if (ALLOWED_TRANSITIONS[from].includes(to)) {
      const out = attempt[to]!(a) as { next: Application };
      expect(out.next.status).toBe(to);
    } else {
      const e = refusal(() => attempt[to]!(a));
      expect(e.kind).toBe('conflict');
      expect(e.code).toBe('TransitionNotAllowed');
      expect(e.message).toContain(`${from} cannot become ${to}`);
    }
  });

  it('allows exactly the documented path and ends', () => {
    expect(ALLOWED_TRANSITIONS).toEqual({
      submitted: ['accepted', 'withdrawn'],
      accepted: ['reviewed', 'withdrawn'],
      reviewed: ['approved', 'rejected', 'withdrawn'],
      approved: ['disbursed'],
      rejected: [],
      disbursed: [],
      withdrawn: [],
    });
  });

  it('reports each transition with the next step and its due instant', () => {
    const s = submit(base, maker, t0, limits);
    expect(s.changes).toEqual([
      { type: 'submitted', from: null, to: 'submitted', at: t0, nextStep: 'accept', nextDueAt: new Date('2026-03-05T16:00:00Z') },
    ]);
    const a = accept(s.next, reviewer, later(1), limits);
    expect(a.changes[0]).toMatchObject({
      type: 'accepted',
      from: 'submitted',
      to: 'accepted',
      nextStep: 'review',
      nextDueAt: new Date('2026-03-12T16:00:00Z'),
    });
    const r = review(a.next, eligible, reviewer, later(2), limits);
    expect(r.changes[0]).toMatchObject({
      type: 'reviewed',
      outcome: 'eligible',
      nextStep: 'decide',
      nextDueAt: new Date('2026-03-07T16:00:00Z'),
    });
    const d = decide(r.next, approve, county, later(3), ctx, limits);
    expect(d.changes[0]).toMatchObject({
      type: 'decided',
      decision: 'approved',
      level: 'county',
      amountFen: 150_000,
      priorReliefRejected: false,
      nextStep: 'disburse',
    });
    expect(d.next.enrolment).toEqual({ pending: true, doneAt: null });
    const p = disburse(d.next, county, later(4));
    expect(p.changes[0]).toMatchObject({ type: 'disbursed', amountFen: 150_000, nextStep: null, nextDueAt: null });
    expect(p.next.history.map((h) => h.to)).toEqual(['submitted', 'accepted', 'reviewed', 'approved', 'disbursed']);
  });

  it('needs a household for the household kinds, not for temporary relief or extreme poverty', () => {
    expect(refusal(() => submitted({ householdId: null })).details).toEqual({ field: 'householdId' });
    expect(submitted({ kind: 'temporary-relief', householdId: null }).householdId).toBeNull();
    expect(submitted({ kind: 'extreme-poverty', householdId: null }).status).toBe('submitted');
  });
});

describe('maker-checker and the approving level', () => {
  it('refuses a decision by who entered the application (409, naming the rule)', () => {
    const enteredByCounty = review(
      accept(submit(base, county, t0, limits).next, reviewer, later(1), limits).next,
      eligible,
      reviewer,
      later(2),
      limits,
    ).next;
    const e = refusal(() => decide(enteredByCounty, approve, county, later(3), ctx, limits));
    expect(e).toMatchObject({ kind: 'conflict', code: 'MakerChecker', details: { rule: 'decider-not-submitter' } });
    expect(decide(enteredByCounty, approve, { ...county, sub: 'officer-330521-b' }, later(3), ctx, limits).next.status).toBe('approved');
  });

  it('refuses a decision by who reviewed it (delegated township)', () => {
    const e = refusal(() => decide(reviewed(), approve, reviewer, later(3), { ...ctx, delegatedToTownship: true }, limits));
    expect(e).toMatchObject({ kind: 'conflict', code: 'MakerChecker', details: { rule: 'decider-not-reviewer' } });
  });

  it('decides at county level unless delegated; the township only when delegated (403 otherwise)', () => {
    expect(refusal(() => decide(reviewed(), approve, townshipDecider, later(3), ctx, limits))).toMatchObject({
      kind: 'forbidden',
      code: 'WrongLevel',
    });
    expect(refusal(() => decide(reviewed(), approve, city, later(3), ctx, limits))).toMatchObject({
      kind: 'forbidden',
      code: 'WrongLevel',
    });
    const delegated = { ...ctx, delegatedToTownship: true };
    const byTownship = decide(reviewed(), approve, townshipDecider, later(3), delegated, limits);
    expect(byTownship.changes[0]).toMatchObject({ level: 'township' });
    expect(refusal(() => decide(reviewed(), approve, county, later(3), delegated, limits))).toMatchObject({
      kind: 'forbidden',
      code: 'WrongLevel',
    });
  });

  it('refuses a county officer of another county', () => {
    expect(refusal(() => decide(reviewed(), approve, otherCounty, later(3), ctx, limits))).toMatchObject({
      kind: 'forbidden',
      code: 'OutsideJurisdiction',
    });
  });
});

describe('simplified review in a medium/high-risk area', () => {
  it('refuses an eligible normal review without the home visit and income check, naming the fields', () => {
    const e = refusal(() => review(accepted(), { ...eligible, homeVisit: false, incomeVerified: false }, reviewer, later(2), limits));
    expect(e).toMatchObject({ kind: 'invalid', code: 'ReviewChecksMissing', details: { fields: ['homeVisit', 'incomeVerified'] } });
  });

  it('records the waived checks and halves every limit under a simplified review', () => {
    const s = submit({ ...base, elevatedRisk: true }, maker, t0, limits);
    expect(s.next.simplifiedReview).toBe(true);
    expect(s.next.stepDueAt).toEqual(new Date('2026-03-04T16:00:00Z')); // ceil(3/2) = 2 days: by the end of 4 March
    const a = accept(s.next, reviewer, later(1), limits).next;
    expect(a.stepDueAt).toEqual(new Date('2026-03-07T16:00:00Z')); // 10/2 = 5 days: by the end of 7 March
    const r = review(a, { ...eligible, homeVisit: false }, reviewer, later(2), limits).next;
    expect(r.review).toMatchObject({ outcome: 'eligible', checksDone: ['income-verification'], checksWaived: ['home-visit'] });
  });

  it('needs a reason for an ineligible finding', () => {
    expect(refusal(() => review(accepted(), { ...ineligible, reason: null }, reviewer, later(2), limits)).details).toEqual({
      field: 'reason',
    });
  });
});

describe('先行救助 prior relief', () => {
  it('is paid at submission and reviewed after', () => {
    const s = submit({ ...base, kind: 'temporary-relief', householdId: null, priorReliefFen: 50_000 }, maker, t0, limits);
    expect(s.changes.map((c) => c.type)).toEqual(['submitted', 'prior-relief-paid']);
    expect(s.changes[1]).toMatchObject({ amountFen: 50_000, from: 'submitted', to: 'submitted', nextStep: 'accept' });
    expect(s.next).toMatchObject({ status: 'submitted', priorRelief: true, priorPayment: { amountFen: 50_000, by: 'cadre-a' } });
  });

  it('rejected on review: priorReliefRejected and a follow-up to recover or write off, recorded once', () => {
    const a = accept(submit({ ...base, priorReliefFen: 80_000 }, maker, t0, limits).next, reviewer, later(1), limits).next;
    const r = review(a, ineligible, reviewer, later(2), limits).next;
    const d = decide(r, { ...reject, reason: null }, county, later(3), ctx, limits);
    expect(d.changes[0]).toMatchObject({ type: 'decided', decision: 'rejected', amountFen: 0, priorReliefRejected: true, nextStep: null });
    expect(d.next.decision).toMatchObject({ reason: 'income-above-standard' });
    expect(d.next.followUp).toMatchObject({ reason: 'prior-relief-rejected', amountFen: 80_000, resolution: null });
    const resolved = resolveFollowUp(d.next, 'written-off', '家庭确有困难', county, later(4));
    expect(resolved.followUp).toMatchObject({ resolution: 'written-off', resolvedBy: county.sub });
    expect(refusal(() => resolveFollowUp(resolved, 'recovered', null, county, later(5)))).toMatchObject({
      kind: 'conflict',
      code: 'FollowUpResolved',
    });
  });

  it('refuses approval after an ineligible review unless decided case by case', () => {
    const r = reviewed({}, ineligible);
    expect(refusal(() => decide(r, approve, county, later(3), ctx, limits))).toMatchObject({
      kind: 'conflict',
      code: 'ReviewFoundIneligible',
    });
  });

  it('pays at disbursement only what the one-off prior relief did not', () => {
    const a = accept(
      submit({ ...base, kind: 'temporary-relief', householdId: null, priorReliefFen: 50_000 }, maker, t0, limits).next,
      reviewer,
      later(1),
      limits,
    ).next;
    const d = decide(
      review(a, eligible, reviewer, later(2), limits).next,
      { ...approve, amountFen: 80_000 },
      county,
      later(3),
      ctx,
      limits,
    ).next;
    expect(amountToDisburse(d)).toBe(30_000);
    expect(d.enrolment).toBeNull();
  });
});

describe('一事一议 case by case', () => {
  it('needs a rationale (400)', () => {
    const e = refusal(() => decide(reviewed(), { ...approve, amountFen: 500_000, caseByCase: true }, county, later(3), ctx, limits));
    expect(e).toMatchObject({ kind: 'invalid', code: 'RationaleRequired', details: { field: 'rationale' } });
    const flagged = reviewed({ caseByCase: true });
    expect(refusal(() => decide(flagged, approve, county, later(3), ctx, limits)).code).toBe('RationaleRequired');
  });

  it('is the only way above the normal amount, and is decided at county level even when delegated', () => {
    expect(refusal(() => decide(reviewed(), { ...approve, amountFen: 315_001 }, county, later(3), ctx, limits))).toMatchObject({
      code: 'AboveNormalAmount',
      details: { field: 'amountFen' },
    });
    expect(decide(reviewed(), { ...approve, amountFen: 315_000 }, county, later(3), ctx, limits).next.status).toBe('approved');
    const big = { ...approve, amountFen: 2_000_000, caseByCase: true, rationale: '重大疾病，家庭支出骤增' };
    const delegated = { ...ctx, delegatedToTownship: true };
    expect(refusal(() => decide(reviewed(), big, townshipDecider, later(3), delegated, limits))).toMatchObject({ code: 'WrongLevel' });
    const d = decide(reviewed(), big, county, later(3), delegated, limits).next;
    expect(d).toMatchObject({
      caseByCase: true,
      decision: { caseByCase: true, rationale: '重大疾病，家庭支出骤增', amountFen: 2_000_000, level: 'county' },
    });
  });

  it('bounds the normal amount per kind', () => {
    expect(normalMaxFen({ kind: 'dibao', persons: 2 }, 105_000, 6)).toBe(315_000);
    expect(normalMaxFen({ kind: 'temporary-relief', persons: 1 }, 105_000, 6)).toBe(630_000);
  });
});

describe('withdrawal', () => {
  it('opens a follow-up when relief was paid first', () => {
    const w = withdraw(submitted({ priorReliefFen: 10_000 }), 'moved-away', maker, later(1));
    expect(w.next).toMatchObject({ status: 'withdrawn', step: null, followUp: { reason: 'prior-relief-withdrawn', amountFen: 10_000 } });
    expect(w.changes[0]).toMatchObject({ type: 'withdrawn', nextStep: null });
  });
});

describe('overdue', () => {
  const a = submitted(); // entered 2 March 09:00 Beijing, accept within 3 days: due 6 March 00:00 Beijing
  it('is not overdue a moment before the due instant, and is from it on', () => {
    expect(markOverdue(a, new Date('2026-03-05T15:59:59.999Z'))).toBeNull();
    const o = markOverdue(a, new Date('2026-03-05T16:00:00Z'))!;
    expect(o.changes).toEqual([
      {
        type: 'overdue',
        step: 'accept',
        status: 'submitted',
        dueAt: new Date('2026-03-05T16:00:00Z'),
        detectedAt: new Date('2026-03-05T16:00:00Z'),
      },
    ]);
    expect(o.next.overdueSteps).toEqual(['accept']);
  });

  it('reports once per step, and again for a later step', () => {
    const once = markOverdue(a, new Date('2026-03-10T00:00:00Z'))!.next;
    expect(markOverdue(once, new Date('2026-03-20T00:00:00Z'))).toBeNull();
    const acc = accept(once, reviewer, new Date('2026-03-10T00:00:00Z'), limits).next;
    expect(markOverdue(acc, new Date('2026-03-20T15:59:59Z'))).toBeNull();
    expect(markOverdue(acc, new Date('2026-03-20T16:00:00Z'))!.next.overdueSteps).toEqual(['accept', 'review']);
  });

  it('never reports a finished application', () => {
    expect(markOverdue(inStatus('disbursed'), new Date('2027-01-01T00:00:00Z'))).toBeNull();
    expect(markOverdue(inStatus('rejected'), new Date('2027-01-01T00:00:00Z'))).toBeNull();
    expect(markOverdue(inStatus('withdrawn'), new Date('2027-01-01T00:00:00Z'))).toBeNull();
  });
});

describe('特困 registers by 供养方式 (seed 003 篇八)', () => {
  it('names the register of each 供养方式, and the open 特困 memberships a later decision replaces', () => {
    expect(extremePovertyRegister('concentrated')).toBe('concentrated-extreme-poverty');
    expect(extremePovertyRegister('dispersed')).toBe('dispersed-extreme-poverty');
    const ms = [
      { register: 'dispersed-extreme-poverty' as const, sourceType: 'application', sourceId: 'app-1', to: null },
      { register: 'dispersed-extreme-poverty' as const, sourceType: 'key-person-list', sourceId: 'kp-1', to: null },
      { register: 'concentrated-extreme-poverty' as const, sourceType: 'application', sourceId: 'app-2', to: null },
      { register: 'dibao' as const, sourceType: 'household', sourceId: 'hh-1', to: null },
    ];
    expect(supersededExtremePoverty(ms, 'app-2').map((m) => m.sourceId)).toEqual(['app-1']);
  });
});
