import { assessCategory, CategorySettings } from './category';
import { MemberFlag } from './household-vocabulary';

const STANDARD = 105_000; // 1050 元/人/月

const settings = (singlePersonDibaoMultiplier: number): CategorySettings => ({
  standardFen: STANDARD,
  nearDibaoMultiplier: 1.5,
  minimumWageFen: 228_000,
  supplementPercent: { 'age-70': 10, 'serious-illness': 20, 'severe-disability': 20, minor: 10 },
  expenditurePovertyRule: 'near-dibao-line',
  perCapitaDisposableIncomeFen: 3_921_800,
  singlePersonDibaoMultiplier,
  minimumTopUpPercent: 10,
  employmentCostStandardFen: 0,
});

const member = (personId: string, flags: MemberFlag[] = [], age = 45) => ({ personId, age, flags });
const wages = (personId: string, monthlyFen: number) => ({ personId, kind: 'wages' as const, monthlyFen, verifiable: true });

describe('参照“单人户”纳入低保 (seed 003 篇八: members of a 低保边缘 household below 1.5×)', () => {
  // two people on 1050 元: 低保 line 2100 元, 低保边缘 line 3150 元
  it('lets the severely disabled member of a 低保边缘 household enter 低保 alone: 1050 元 + 20 % = 1260 元', () => {
    const a = assessCategory(
      { members: [member('a'), member('b', ['severely-disabled'])], incomes: [wages('a', 250_000)], expenses: [] },
      settings(1.5),
    );
    expect(a.category).toBe('near-dibao');
    expect(a.monthlyBenefitFen).toBe(0);
    expect(a.singlePersonDibao).toEqual([
      {
        personId: 'b',
        reason: 'severely-disabled',
        countedIncomeFen: 0,
        gapFen: 105_000,
        topUpFen: 105_000,
        supplement: { personId: 'b', kind: 'severe-disability', fen: 21_000 },
        monthlyBenefitFen: 126_000,
      },
    ]);
  });

  it('takes the member’s own income as a household of one, raised to the minimum top-up', () => {
    const a = assessCategory(
      { members: [member('a'), member('b', ['seriously-ill'])], incomes: [wages('a', 200_000), wages('b', 100_000)], expenses: [] },
      settings(1.5),
    );
    // b: 1050 − 1000 = 50 元, raised to the minimum 105 元, plus 210 元 for serious illness
    expect(a.singlePersonDibao).toEqual([
      expect.objectContaining({ personId: 'b', reason: 'seriously-ill', gapFen: 5_000, topUpFen: 10_500 }),
    ]);
    expect(a.singlePersonDibao[0].monthlyBenefitFen).toBe(10_500 + 21_000);
  });

  it('names no one whose own income is at the standard, no one without the flags, and nobody of a 低保 household', () => {
    const own = assessCategory(
      { members: [member('a'), member('b', ['seriously-ill'])], incomes: [wages('a', 150_000), wages('b', 105_000)], expenses: [] },
      settings(1.5),
    );
    expect(own.singlePersonDibao).toEqual([]);
    const unflagged = assessCategory({ members: [member('a'), member('b')], incomes: [wages('a', 250_000)], expenses: [] }, settings(1.5));
    expect(unflagged.singlePersonDibao).toEqual([]);
    const dibao = assessCategory(
      { members: [member('a'), member('b', ['severely-disabled'])], incomes: [wages('a', 200_000)], expenses: [] },
      settings(1.5),
    );
    expect(dibao).toMatchObject({ category: 'dibao', singlePersonDibao: [] });
  });

  it('stops at 1.5× (3150 元 for two): exactly there is outside the band', () => {
    const at = (income: number) =>
      assessCategory(
        { members: [member('a'), member('b', ['severely-disabled'])], incomes: [wages('a', income)], expenses: [] },
        settings(1.5),
      ).singlePersonDibao.length;
    expect(at(314_999)).toBe(1);
    expect(at(315_000)).toBe(0);
  });
});

describe('参照“单人户”纳入低保 (seed 003 篇十一: a household above the standard but below 2×)', () => {
  it('takes in a household at 1.8× that the 1.5× rule leaves out', () => {
    const household = { members: [member('a'), member('b', ['seriously-ill'], 72)], incomes: [wages('a', 378_000)], expenses: [] };
    expect(assessCategory(household, settings(1.5)).singlePersonDibao).toEqual([]);
    const a = assessCategory(household, settings(2));
    expect(a).toMatchObject({ category: 'none', singlePersonDibaoMultiplier: 2 });
    // the larger supplement of the 72-year-old seriously ill member: 20 % for illness
    expect(a.singlePersonDibao).toEqual([
      expect.objectContaining({ personId: 'b', reason: 'seriously-ill', monthlyBenefitFen: 105_000 + 21_000 }),
    ]);
  });

  it('stops at 2× (4200 元 for two)', () => {
    const at = (income: number) =>
      assessCategory(
        { members: [member('a'), member('b', ['severely-disabled'])], incomes: [wages('a', income)], expenses: [] },
        settings(2),
      ).singlePersonDibao.length;
    expect(at(419_999)).toBe(1);
    expect(at(420_000)).toBe(0);
  });

  it('names severe disability first for a member who is both', () => {
    const a = assessCategory(
      { members: [member('a'), member('b', ['seriously-ill', 'severely-disabled'])], incomes: [wages('a', 300_000)], expenses: [] },
      settings(2),
    );
    expect(a.singlePersonDibao.map((s) => s.reason)).toEqual(['severely-disabled']);
  });
});
