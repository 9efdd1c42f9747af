import { assessCategory, CategorySettings } from './category';
import { meetsExpenditurePovertyTest } from './expenditure-poverty';
import { ExpenditurePovertyRule } from './household-vocabulary';

const STANDARD = 105_000; // 1050 元/人/月
const DISPOSABLE = 3_921_800; // 上年度居民人均可支配收入 39,218 元/人/年

const settings = (expenditurePovertyRule: ExpenditurePovertyRule, overrides: Partial<CategorySettings> = {}): CategorySettings => ({
  standardFen: STANDARD,
  nearDibaoMultiplier: 1.5,
  minimumWageFen: 228_000,
  supplementPercent: { 'age-70': 10, 'serious-illness': 20, 'severe-disability': 20, minor: 10 },
  expenditurePovertyRule,
  perCapitaDisposableIncomeFen: DISPOSABLE,
  singlePersonDibaoMultiplier: 1.5,
  minimumTopUpPercent: 10,
  employmentCostStandardFen: 0,
  ...overrides,
});

/** Two adults, all income verified wages of the first, one rigid expense. */
const couple = (incomeFen: number, rigidFen: number) => ({
  members: [
    { personId: 'a', age: 45, flags: [] },
    { personId: 'b', age: 43, flags: [] },
  ],
  incomes: [{ personId: 'a', kind: 'wages' as const, monthlyFen: incomeFen, verifiable: true }],
  expenses: [{ kind: 'serious-illness' as const, monthlyFen: rigidFen }],
});

describe('支出型 by seed 003 篇十四 (the default): below last year’s disposable income, after rigid expenses below the 低保边缘 line', () => {
  it('makes a household of 2 on a 1,050 元 standard with 4,500 元 income and 2,000 元 rigid spending 支出型', () => {
    // 低保 line 2100 元, 低保边缘 line (1.5×) 3150 元: 4500 is above both; 4500 − 2000 = 2500 < 3150;
    // 4500 × 12 / 2 = 27,000 元 a year per member < 39,218 元. (Below the standard it would have to be 2100: it was `none`.)
    const a = assessCategory(couple(450_000, 200_000), settings('near-dibao-line'));
    expect(a).toMatchObject({
      category: 'expenditure-poverty',
      expenditurePovertyRule: 'near-dibao-line',
      perCapitaDisposableIncomeFen: DISPOSABLE,
      incomePerMemberFen: 225_000,
      incomeAfterRigidExpensesPerMemberFen: 125_000,
      monthlyBenefitFen: 0,
    });
  });

  it('has an income ceiling: at last year’s per-capita disposable income it is never 支出型, whatever the expenses', () => {
    // 2 × 3,921,800 / 12 = 653,633.33 fen a month
    expect(assessCategory(couple(653_633, 600_000), settings('near-dibao-line')).category).toBe('expenditure-poverty');
    expect(assessCategory(couple(653_634, 600_000), settings('near-dibao-line')).category).toBe('none');
    // the region's own figure
    const rich = settings('near-dibao-line', { perCapitaDisposableIncomeFen: 6_000_000 });
    expect(assessCategory(couple(653_634, 600_000), rich).category).toBe('expenditure-poverty');
  });

  it('follows the region’s 低保边缘 multiplier (2× there: the line after expenses is 4200 元)', () => {
    expect(meetsExpenditurePovertyTest(500_000, 80_001, lines('near-dibao-line', 2))).toBe(true);
    expect(meetsExpenditurePovertyTest(500_000, 80_000, lines('near-dibao-line', 2))).toBe(false);
  });
});

describe('支出型 by seed 003 篇十一: from 2× the standard (inclusive) to last year’s disposable income, after expenses below the standard', () => {
  it('does not make the 篇十四 example 支出型: 4500 − 2000 = 2500 元 is not below the 2100 元 standard line', () => {
    expect(assessCategory(couple(450_000, 200_000), settings('dibao-line')).category).toBe('none');
  });

  it('makes it 支出型 when expenses bring it below the standard: 4500 − 2401 = 2099 元', () => {
    expect(assessCategory(couple(450_000, 240_100), settings('dibao-line'))).toMatchObject({
      category: 'expenditure-poverty',
      expenditurePovertyRule: 'dibao-line',
    });
    expect(assessCategory(couple(450_000, 240_000), settings('dibao-line')).category).toBe('none');
  });

  it('starts at 2× the standard, inclusive (4200 元 for two), whatever the region’s 低保边缘 multiplier', () => {
    expect(meetsExpenditurePovertyTest(420_000, 300_000, lines('dibao-line', 1.5))).toBe(true);
    expect(meetsExpenditurePovertyTest(419_999, 300_000, lines('dibao-line', 1.5))).toBe(false);
    // the same 4199.99 元 with those expenses is 支出型 under 篇十四
    expect(meetsExpenditurePovertyTest(419_999, 300_000, lines('near-dibao-line', 1.5))).toBe(true);
  });

  it('has the same income ceiling', () => {
    expect(meetsExpenditurePovertyTest(653_633, 600_000, lines('dibao-line', 1.5))).toBe(true);
    expect(meetsExpenditurePovertyTest(653_634, 600_000, lines('dibao-line', 1.5))).toBe(false);
  });
});

function lines(expenditurePovertyRule: ExpenditurePovertyRule, nearDibaoMultiplier: number) {
  return { members: 2, standardFen: STANDARD, nearDibaoMultiplier, expenditurePovertyRule, perCapitaDisposableIncomeFen: DISPOSABLE };
}
