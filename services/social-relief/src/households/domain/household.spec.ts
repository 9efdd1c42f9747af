import { DomainError } from '@civil/kernel';
import { assessCategory, CategorySettings } from './category';
import {
  addMember,
  exitAfterPhaseOut,
  Household,
  HouseholdAssessment,
  PHASE_OUT_MONTHS,
  phaseOutEnded,
  phaseOutEndsOn,
  recordAssessment,
  recordEnrolment,
  removeMember,
  replaceFinances,
  assertEmploymentCosts,
  exitAfterRecheck,
} from './household';

const settings: CategorySettings = {
  standardFen: 105_000,
  nearDibaoMultiplier: 1.5,
  minimumWageFen: 228_000,
  supplementPercent: { 'age-70': 10, 'serious-illness': 20, 'severe-disability': 20, minor: 10 },
  expenditurePovertyRule: 'near-dibao-line',
  perCapitaDisposableIncomeFen: 3_921_800,
  singlePersonDibaoMultiplier: 1.5,
  minimumTopUpPercent: 10,
  employmentCostStandardFen: 0,
};
const at = new Date('2026-03-10T02:00:00Z');

function household(overrides: Partial<Household> = {}): Household {
  return {
    householdId: 'hh-1',
    divisionCode: '330521101',
    divisionAncestors: ['33', '3305', '330521', '330521101'],
    members: [
      { personId: 'p-1', relation: 'head', flags: [], canWork: true },
      { personId: 'p-2', relation: 'spouse', flags: [], canWork: true },
    ],
    incomes: [],
    expenses: [],
    status: 'not-enrolled',
    assessedCategory: null,
    assessments: [],
    enrolledCategory: null,
    enrolments: [],
    phaseOut: null,
    phaseOutHistory: [],
    createdAt: at,
    createdBy: 'cadre',
    updatedAt: at,
    ...overrides,
  };
}

function assessment(countedFen: number, day = '2026-03-10', when = at): HouseholdAssessment {
  const a = assessCategory(
    {
      members: [
        { personId: 'p-1', age: 40, flags: [] },
        { personId: 'p-2', age: 40, flags: [] },
      ],
      incomes: [{ personId: 'p-1', kind: 'wages', monthlyFen: countedFen, verifiable: true }],
      expenses: [],
    },
    settings,
  );
  return { ...a, assessmentId: `as-${countedFen}`, previousCategory: null, day, at: when, by: 'cadre' };
}

describe('the phase-out period', () => {
  it('is six months, fixed by the source documents', () => {
    expect(PHASE_OUT_MONTHS).toBe(6);
  });

  it.each([
    ['2026-03-10', '2026-09-09'],
    ['2026-01-01', '2026-06-30'],
    ['2026-07-15', '2027-01-14'],
    ['2026-08-31', '2027-02-27'], // no 31 February: the month end clamps, then the day before
    ['2027-08-31', '2028-02-28'], // leap year
  ])('started on %s, its last day is %s', (start, end) => {
    expect(phaseOutEndsOn(start)).toBe(end);
  });
});

describe('assessments of an enrolled household', () => {
  const enrolled = () => recordEnrolment(household(), 'dibao', 'app-1', '2026-01-05', at).next;

  it('record the category of a household not enrolled without any phase-out', () => {
    const { next, outcome } = recordAssessment(household(), assessment(400_000));
    expect(outcome).toBe('recorded');
    expect(next).toMatchObject({ status: 'not-enrolled', assessedCategory: 'none', phaseOut: null });
  });

  it('start a phase-out when the income rises to or above the standard, keeping the category', () => {
    const atStandard = recordAssessment(enrolled(), assessment(210_000));
    expect(atStandard.outcome).toBe('phase-out-started');
    expect(atStandard.next).toMatchObject({
      status: 'phase-out',
      enrolledCategory: 'dibao',
      assessedCategory: 'near-dibao',
      phaseOut: { category: 'dibao', startedOn: '2026-03-10', endsOn: '2026-09-09', incomePerMemberFen: 105_000, standardFen: 105_000 },
    });
    const below = recordAssessment(enrolled(), assessment(209_999));
    expect(below).toMatchObject({ outcome: 'recorded', next: { status: 'enrolled', phaseOut: null } });
  });

  it('leave a running phase-out as it is while the income stays up (the clock does not restart)', () => {
    const started = recordAssessment(enrolled(), assessment(400_000)).next;
    const again = recordAssessment(started, assessment(500_000, '2026-05-01', new Date('2026-05-01T02:00:00Z')));
    expect(again.outcome).toBe('recorded');
    expect(again.next.phaseOut).toEqual(started.phaseOut);
  });

  it('cancel the phase-out when the income falls below the standard again', () => {
    const started = recordAssessment(enrolled(), assessment(400_000)).next;
    const { next, outcome } = recordAssessment(started, assessment(100_000, '2026-05-01'));
    expect(outcome).toBe('phase-out-cancelled');
    expect(next).toMatchObject({ status: 'enrolled', enrolledCategory: 'dibao', phaseOut: null });
    expect(next.phaseOutHistory.map((r) => r.what)).toEqual(['started', 'cancelled']);
  });

  it('for 低保边缘, use the region’s multiplier line, not the standard', () => {
    const nearDibao = recordEnrolment(household(), 'near-dibao', 'app-2', '2026-01-05', at).next;
    expect(recordAssessment(nearDibao, assessment(300_000)).outcome).toBe('recorded'); // below 315_000
    expect(recordAssessment(nearDibao, assessment(315_000)).outcome).toBe('phase-out-started');
  });
});

describe('exit after the phase-out', () => {
  const inPhaseOut = () =>
    recordAssessment(recordEnrolment(household(), 'dibao', 'app-1', '2026-01-05', at).next, assessment(400_000)).next;

  it('is refused (409) on or before the last day, and done the day after', () => {
    const h = inPhaseOut();
    expect(phaseOutEnded(h, '2026-09-09')).toBe(false);
    expect(() => exitAfterPhaseOut(h, new Date('2026-09-09T02:00:00Z'), '2026-09-09')).toThrow(DomainError);
    expect(phaseOutEnded(h, '2026-09-10')).toBe(true);
    const { next, previousCategory } = exitAfterPhaseOut(h, new Date('2026-09-10T02:00:00Z'), '2026-09-10');
    expect(previousCategory).toBe('dibao');
    expect(next).toMatchObject({ status: 'exited', enrolledCategory: null, phaseOut: null });
    expect(next.enrolments).toEqual([{ applicationId: 'app-1', kind: 'dibao', category: 'dibao', from: '2026-01-05', to: '2026-09-10' }]);
    expect(() => exitAfterPhaseOut(next, new Date('2026-09-11T02:00:00Z'), '2026-09-11')).toThrow(/only after its phase-out/);
  });
});

describe('enrolment from an approved application', () => {
  it('is recorded once per application', () => {
    const first = recordEnrolment(household(), 'dibao', 'app-1', '2026-01-05', at);
    expect(first).toMatchObject({ recorded: true, previousCategory: null, next: { status: 'enrolled', enrolledCategory: 'dibao' } });
    const again = recordEnrolment(first.next, 'dibao', 'app-1', '2026-01-06', at);
    expect(again.recorded).toBe(false);
    expect(again.next).toBe(first.next);
  });

  it('replaces the current category with a later approval of another kind, ending the earlier one', () => {
    const first = recordEnrolment(household(), 'near-dibao', 'app-1', '2026-01-05', at).next;
    const second = recordEnrolment(first, 'dibao', 'app-2', '2026-02-01', at);
    expect(second.previousCategory).toBe('near-dibao');
    expect(second.next.enrolments.map((e) => [e.category, e.from, e.to])).toEqual([
      ['near-dibao', '2026-01-05', '2026-02-01'],
      ['dibao', '2026-02-01', null],
    ]);
  });

  it('refuses kinds that are no household register', () => {
    expect(() => recordEnrolment(household(), 'temporary-relief', 'app-3', '2026-01-05', at)).toThrow(
      /does not put a household on a register/,
    );
  });
});

describe('members and finances', () => {
  it('keeps one person once and at least one member, dropping a removed member’s incomes', () => {
    const h = household({ incomes: [{ incomeId: 'i-1', personId: 'p-2', kind: 'wages', monthlyFen: 1, verifiable: true }] });
    expect(() => addMember(h, { personId: 'p-1', relation: 'child', flags: [], canWork: false }, at)).toThrow(/already a member/);
    const one = removeMember(h, 'p-2', at);
    expect(one.incomes).toEqual([]);
    expect(() => removeMember(one, 'p-1', at)).toThrow(/at least one member/);
  });

  it('names the field of an income whose earner is not a member', () => {
    try {
      replaceFinances(household(), { incomes: [{ incomeId: 'i', personId: 'p-9', kind: 'wages', monthlyFen: 1, verifiable: true }] }, at);
      throw new Error('expected a refusal');
    } catch (e) {
      expect((e as DomainError).details).toEqual({ field: 'incomes.0.personId' });
    }
  });

  it('takes employment costs (就业成本, seed 003 篇十四) on wages only, never above the income', () => {
    const income = (kind: 'wages' | 'business', monthlyFen: number, employmentCostFen: number) => ({
      incomeId: 'i',
      personId: 'p-1',
      kind,
      monthlyFen,
      verifiable: true,
      employmentCostFen,
    });
    const refusal = (incomes: ReturnType<typeof income>[]) => {
      try {
        replaceFinances(household(), { incomes }, at);
      } catch (e) {
        return { code: (e as DomainError).code, details: (e as DomainError).details };
      }
      return null;
    };
    expect(refusal([income('wages', 200_000, 30_000)])).toBeNull();
    expect(refusal([income('wages', 200_000, 200_000)])).toBeNull();
    expect(refusal([income('wages', 1, 0), income('business', 200_000, 30_000)])).toEqual({
      code: 'EmploymentCostNotOnWages',
      details: { field: 'incomes.1.employmentCostFen' },
    });
    expect(refusal([income('wages', 200_000, 200_001)])).toEqual({
      code: 'EmploymentCostAboveIncome',
      details: { field: 'incomes.0.employmentCostFen' },
    });
    expect(() => assertEmploymentCosts([{ kind: 'wages', monthlyFen: 5 }])).not.toThrow();
  });
});

describe('a household a re-check found no longer eligible', () => {
  const cadence = { A: 12, B: 6, C: 3 };
  const enrolled = () => recordEnrolment(household(), 'dibao', 'app-1', '2026-01-05', at, cadence).next;

  it('gets its re-check schedule on enrolment, counted from the enrolment day', () => {
    expect(enrolled().recheck).toMatchObject({ recheckClass: 'A', since: '2026-01-05', dueOn: '2027-01-05' });
    // enrolled before re-checks existed: no schedule
    expect(recordEnrolment(household(), 'dibao', 'app-1', '2026-01-05', at).next.recheck).toBeUndefined();
  });

  it('exits at the first sweep after the re-check day, with its own reason, and no assessment cancels that', () => {
    const pending = exitAfterRecheck(enrolled(), '2026-03-10', at);
    expect(pending).toMatchObject({
      status: 'phase-out',
      enrolledCategory: 'dibao',
      phaseOut: { category: 'dibao', startedOn: '2026-03-10', endsOn: '2026-03-09', reason: 'no-longer-eligible' },
    });
    expect(pending.phaseOutHistory.at(-1)).toMatchObject({ what: 'exit-pending', reason: 'no-longer-eligible' });
    expect(phaseOutEnded(pending, '2026-03-10')).toBe(true);
    expect(recordAssessment(pending, assessment(100_000)).outcome).toBe('recorded');
    const { next, reason } = exitAfterPhaseOut(pending, at, '2026-03-10');
    expect(reason).toBe('no-longer-eligible');
    expect(next).toMatchObject({ status: 'exited', enrolledCategory: null, recheck: { dueOn: null } });
    expect(next.enrolments.at(-1)?.to).toBe('2026-03-10');
  });

  it('is refused for a household on no register (409)', () => {
    expect(() => exitAfterRecheck(household(), '2026-03-10', at)).toThrow(DomainError);
  });
});
