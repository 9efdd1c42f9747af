import { AssessedIncome, AssessedMember, assessCategory, CategorySettings, countedIncome, stillQualifies, supplementFor } from './category';
import { EXCLUDED_INCOME_KINDS, EXPENSE_KINDS, INCOME_KINDS } from './household-vocabulary';

const STANDARD = 105_000; // 1050 元/人/月
const WAGE = 228_000; // 最低工资 2280 元/月
const DISPOSABLE = 3_921_800; // 上年度居民人均可支配收入 39,218 元/人/年

const settings = (nearDibaoMultiplier = 1.5, overrides: Partial<CategorySettings> = {}): CategorySettings => ({
  standardFen: STANDARD,
  nearDibaoMultiplier,
  minimumWageFen: WAGE,
  supplementPercent: { 'age-70': 10, 'serious-illness': 20, 'severe-disability': 20, minor: 10 },
  expenditurePovertyRule: 'near-dibao-line',
  perCapitaDisposableIncomeFen: DISPOSABLE,
  singlePersonDibaoMultiplier: 1.5,
  // the rules of their own describe blocks (on in the region's defaults) are off here
  minimumTopUpPercent: 0,
  employmentCostStandardFen: 0,
  ...overrides,
});

const adult = (personId: string, age = 40): AssessedMember => ({ personId, age, flags: [] });
const three = [adult('a'), adult('b', 38), adult('c', 30)];
const wages = (monthlyFen: number, personId: string | null = 'a', verifiable = true): AssessedIncome => ({
  personId,
  kind: 'wages',
  monthlyFen,
  verifiable,
});

describe('the category rule, against worked cases', () => {
  // three adults, standard 1050 元: 低保 line 3150 元; 低保边缘 line 4725 元 (1.5×) or 6300 元 (2×)
  const table: Array<[string, number, number, number, string]> = [
    // label, multiplier, counted household income (fen), rigid expenses (fen), category
    ['well below the standard', 1.5, 150_000, 0, 'dibao'],
    ['one fen below the standard', 1.5, 314_999, 0, 'dibao'],
    ['exactly at the standard is not below it', 1.5, 315_000, 0, 'near-dibao'],
    ['one fen below 1.5×', 1.5, 472_499, 0, 'near-dibao'],
    ['exactly at 1.5× is not below it', 1.5, 472_500, 0, 'none'],
    ['between 1.5× and 2× in a 1.5× region', 1.5, 600_000, 0, 'none'],
    ['between 1.5× and 2× in a 2× region', 2, 600_000, 0, 'near-dibao'],
    ['one fen below 2× in a 2× region', 2, 629_999, 0, 'near-dibao'],
    ['exactly at 2× in a 2× region', 2, 630_000, 0, 'none'],
    ['rigid expenses bring income below the 低保边缘 line: 支出型 (篇十四)', 1.5, 500_000, 200_000, 'expenditure-poverty'],
    ['after rigid expenses one fen below the 低保边缘 line is 支出型', 1.5, 500_000, 27_501, 'expenditure-poverty'],
    ['after rigid expenses exactly at the 低保边缘 line is not 支出型', 1.5, 500_000, 27_500, 'none'],
    ['one fen below last year’s disposable income per member (×12) may be 支出型', 1.5, 980_449, 900_000, 'expenditure-poverty'],
    ['at last year’s disposable income per member (×12) is never 支出型', 1.5, 980_450, 900_000, 'none'],
    ['in the 低保边缘 band, rigid expenses do not make it 支出型', 1.5, 400_000, 300_000, 'near-dibao'],
    ['in a 2× region the same income is 低保边缘, not 支出型', 2, 500_000, 200_000, 'near-dibao'],
    ['above 2× with large rigid expenses is 支出型', 2, 700_000, 500_000, 'expenditure-poverty'],
  ];

  it.each(table)('%s (×%s, income %i, rigid %i) → %s', (_label, multiplier, income, rigid, category) => {
    const a = assessCategory(
      { members: three, incomes: [wages(income)], expenses: rigid ? [{ kind: 'serious-illness', monthlyFen: rigid }] : [] },
      settings(multiplier),
    );
    expect(a.category).toBe(category);
    expect(a.countedIncomeFen).toBe(income);
    expect(a.incomePerMemberFen).toBe(Math.floor(income / 3));
    expect(a.incomeAfterRigidExpensesPerMemberFen).toBe(Math.floor((income - rigid) / 3));
    expect(a.monthlyBenefitFen).toBe(category === 'dibao' ? 3 * STANDARD - income : 0);
  });

  it('gives the 低保 benefit as the gap to the standard for the whole household: (1050 − 500) × 3 = 1650 元', () => {
    const a = assessCategory({ members: three, incomes: [wages(150_000)], expenses: [] }, settings());
    expect(a).toMatchObject({
      category: 'dibao',
      members: 3,
      incomePerMemberFen: 50_000,
      gapFen: 165_000,
      monthlyBenefitFen: 165_000,
      supplements: [],
      standardFen: STANDARD,
      nearDibaoMultiplier: 1.5,
    });
  });

  it('compares totals, so a per-member figure that rounds down cannot cross the line', () => {
    // 314_999 / 3 = 104_999.67 → shown as 104_999; still dibao, gap exactly 1 fen
    const a = assessCategory({ members: three, incomes: [wages(314_999)], expenses: [] }, settings());
    expect(a).toMatchObject({ category: 'dibao', incomePerMemberFen: 104_999, gapFen: 1 });
  });

  it('may show a negative income after rigid expenses', () => {
    const a = assessCategory(
      { members: [adult('a')], incomes: [wages(200_000)], expenses: [{ kind: 'disaster', monthlyFen: 300_001 }] },
      settings(),
    );
    expect(a).toMatchObject({ category: 'expenditure-poverty', incomeAfterRigidExpensesPerMemberFen: -100_001, rigidExpensesFen: 300_001 });
  });

  it('adds up every rigid expense kind', () => {
    const a = assessCategory(
      { members: [adult('a')], incomes: [wages(300_000)], expenses: EXPENSE_KINDS.map((kind) => ({ kind, monthlyFen: 10_000 })) },
      settings(),
    );
    expect(a.rigidExpensesFen).toBe(50_000);
    expect(a.category).toBe('none'); // 300_000 − 50_000 = 250_000 ≥ 105_000, and ≥ 157_500
  });

  it('refuses a household without members', () => {
    expect(() => assessCategory({ members: [], incomes: [], expenses: [] }, settings())).toThrow(RangeError);
  });
});

describe('incomes not counted (抚恤金, 优待金, 基础养老金, 两残补贴)', () => {
  it('has exactly six excluded kinds, the two disability subsidies and 扶贫项目保底收益 (seed 003 篇十一) among them', () => {
    expect([...EXCLUDED_INCOME_KINDS].sort()).toEqual([
      'basic-old-age-pension',
      'disability-care-subsidy',
      'disability-living-subsidy',
      'martyr-family-pension',
      'poverty-project-guaranteed-income',
      'preferential-allowance',
    ]);
    expect(INCOME_KINDS).toEqual(expect.arrayContaining([...EXCLUDED_INCOME_KINDS]));
  });

  it.each(EXCLUDED_INCOME_KINDS.map((k) => [k]))('%s is not counted: 3000 元 wages + 2000 元 of it is still 低保 for three', (kind) => {
    const a = assessCategory(
      { members: three, incomes: [wages(300_000), { personId: 'b', kind, monthlyFen: 200_000, verifiable: true }], expenses: [] },
      settings(),
    );
    expect(a).toMatchObject({
      category: 'dibao',
      countedIncomeFen: 300_000,
      excludedIncomeFen: 200_000,
      incomePerMemberFen: 100_000,
      monthlyBenefitFen: 15_000,
    });
  });

  it.each(EXCLUDED_INCOME_KINDS.map((k) => [k]))('%s is not counted even when unverifiable (no minimum wage imputed)', (kind) => {
    const a = assessCategory(
      { members: [adult('a')], incomes: [{ personId: 'a', kind, monthlyFen: 80_000, verifiable: false }], expenses: [] },
      settings(),
    );
    expect(a).toMatchObject({ category: 'dibao', countedIncomeFen: 0, imputedEarners: [] });
  });

  it('counts the other kinds (a control: the same 2000 元 as a transfer makes it 低保边缘)', () => {
    const a = assessCategory(
      {
        members: three,
        incomes: [wages(300_000), { personId: 'b', kind: 'transfer', monthlyFen: 200_000, verifiable: true }],
        expenses: [],
      },
      settings(),
    );
    expect(a).toMatchObject({ category: 'none', countedIncomeFen: 500_000 });
  });
});

describe('unverifiable income at the local minimum wage', () => {
  it('counts an unverifiable 500 元 as the minimum wage 2280 元: a single person is no longer 低保', () => {
    const verified = assessCategory({ members: [adult('a')], incomes: [wages(50_000, 'a', true)], expenses: [] }, settings());
    const unverified = assessCategory({ members: [adult('a')], incomes: [wages(50_000, 'a', false)], expenses: [] }, settings());
    expect(verified.category).toBe('dibao');
    expect(unverified).toMatchObject({ category: 'none', countedIncomeFen: WAGE, imputedEarners: ['a'] });
  });

  it('takes one minimum wage per earner, however many unverifiable incomes they declare', () => {
    expect(
      countedIncome([wages(20_000, 'a', false), { personId: 'a', kind: 'business', monthlyFen: 30_000, verifiable: false }], WAGE),
    ).toMatchObject({ countedFen: WAGE, excludedFen: 0, imputedEarners: ['a'] });
    expect(countedIncome([wages(20_000, 'a', false), wages(20_000, 'b', false)], WAGE).countedFen).toBe(2 * WAGE);
  });

  it('never lowers a declaration above the minimum wage', () => {
    expect(countedIncome([wages(300_000, 'a', false)], WAGE).countedFen).toBe(300_000);
  });

  it('adds an earner’s verifiable income on top, and imputes household-level unverifiable income once', () => {
    expect(countedIncome([wages(100_000, 'a', true), wages(10_000, 'a', false), wages(5_000, null, false)], WAGE)).toEqual({
      countedFen: 100_000 + WAGE + WAGE,
      excludedFen: 0,
      imputedEarners: ['a', 'household'],
      employmentCostsFen: 0,
      byEarner: new Map([
        ['a', 100_000 + WAGE],
        ['household', WAGE],
      ]),
    });
  });

  it('uses the region’s minimum wage', () => {
    const a = assessCategory({ members: three, incomes: [wages(1, 'a', false)], expenses: [] }, settings(1.5, { minimumWageFen: 190_000 }));
    expect(a).toMatchObject({ category: 'dibao', countedIncomeFen: 190_000, monthlyBenefitFen: 315_000 - 190_000 });
  });
});

describe('employment costs (就业成本, seed 003 篇十四) deducted from wage earners', () => {
  const costly = (monthlyFen: number, employmentCostFen: number | undefined, personId = 'a', verifiable = true): AssessedIncome => ({
    ...wages(monthlyFen, personId, verifiable),
    ...(employmentCostFen === undefined ? {} : { employmentCostFen }),
  });

  it('deducts declared employment costs: 1200 元 wages less 300 元 makes a single person 低保 (900 < 1050)', () => {
    const a = assessCategory({ members: [adult('a')], incomes: [costly(120_000, 30_000)], expenses: [] }, settings());
    expect(a).toMatchObject({ category: 'dibao', countedIncomeFen: 90_000, employmentCostsFen: 30_000, gapFen: 15_000 });
    // without the deduction the same person is 低保边缘
    expect(assessCategory({ members: [adult('a')], incomes: [wages(120_000)], expenses: [] }, settings()).category).toBe('near-dibao');
  });

  it('deducts the region’s standard amount from a wage earner who declares none, and a declaration instead of it', () => {
    const region = settings(1.5, { employmentCostStandardFen: 20_000 });
    const members = [adult('a'), adult('b')];
    const a = assessCategory({ members, incomes: [wages(150_000, 'a'), costly(100_000, 5_000, 'b')], expenses: [] }, region);
    expect(a).toMatchObject({ countedIncomeFen: 150_000 - 20_000 + 100_000 - 5_000, employmentCostsFen: 25_000 });
  });

  it('deducts once per earner, from the imputed minimum wage too, never below zero, and never from other kinds', () => {
    expect(countedIncome([costly(100_000, 10_000), costly(50_000, 5_000)], WAGE)).toMatchObject({
      countedFen: 135_000,
      employmentCostsFen: 15_000,
    });
    expect(countedIncome([costly(50_000, 30_000, 'a', false)], WAGE)).toMatchObject({
      countedFen: WAGE - 30_000,
      employmentCostsFen: 30_000,
    });
    expect(countedIncome([wages(10_000)], WAGE, 20_000)).toMatchObject({ countedFen: 0, employmentCostsFen: 10_000 });
    const business: AssessedIncome = { personId: 'a', kind: 'business', monthlyFen: 100_000, verifiable: true };
    expect(countedIncome([business], WAGE, 20_000)).toMatchObject({ countedFen: 100_000, employmentCostsFen: 0 });
  });
});

describe('supplements (分类施保) for 低保 members', () => {
  const s = settings();
  it.each([
    ['a 70-year-old', { age: 70, flags: [] }, 'age-70', 10_500],
    ['a 69-year-old gets none', { age: 69, flags: [] }, null, 0],
    ['a 17-year-old minor', { age: 17, flags: [] }, 'minor', 10_500],
    ['an 18-year-old gets none', { age: 18, flags: [] }, null, 0],
    ['a seriously ill adult', { age: 40, flags: ['seriously-ill'] }, 'serious-illness', 21_000],
    ['a severely disabled adult', { age: 40, flags: ['severely-disabled'] }, 'severe-disability', 21_000],
    ['a disabled elderly person without care (no supplement of its own)', { age: 60, flags: ['disabled-elderly-without-care'] }, null, 0],
    ['a seriously ill 75-year-old gets only the larger one', { age: 75, flags: ['seriously-ill'] }, 'serious-illness', 21_000],
    ['a severely disabled child gets only the larger one', { age: 10, flags: ['severely-disabled'] }, 'severe-disability', 21_000],
    [
      'ill and disabled: one supplement, the first of equals',
      { age: 40, flags: ['seriously-ill', 'severely-disabled'] },
      'serious-illness',
      21_000,
    ],
  ] as const)('%s', (_label, m, kind, fen) => {
    const got = supplementFor({ personId: 'x', age: m.age, flags: [...m.flags] }, s);
    expect(got).toEqual(kind ? { personId: 'x', kind, fen } : null);
  });

  it('picks the larger supplement when the region pays more for age than illness', () => {
    const got = supplementFor(
      { personId: 'x', age: 80, flags: ['seriously-ill'] },
      settings(1.5, { supplementPercent: { 'age-70': 30, 'serious-illness': 20, 'severe-disability': 20, minor: 10 } }),
    );
    expect(got).toEqual({ personId: 'x', kind: 'age-70', fen: 31_500 });
  });

  it('adds them to the gap: grandmother 75, father seriously ill, a child of 8 → 1650 + 105 + 210 + 105 元', () => {
    const members: AssessedMember[] = [
      { personId: 'g', age: 75, flags: [] },
      { personId: 'f', age: 45, flags: ['seriously-ill'] },
      { personId: 'c', age: 8, flags: [] },
    ];
    const a = assessCategory({ members, incomes: [wages(150_000, 'f')], expenses: [] }, s);
    expect(a.supplements).toEqual([
      { personId: 'g', kind: 'age-70', fen: 10_500 },
      { personId: 'f', kind: 'serious-illness', fen: 21_000 },
      { personId: 'c', kind: 'minor', fen: 10_500 },
    ]);
    expect(a.monthlyBenefitFen).toBe(165_000 + 10_500 + 21_000 + 10_500);
  });

  it('rounds a percent of the standard to the fen', () => {
    expect(
      supplementFor(
        { personId: 'x', age: 90, flags: [] },
        { standardFen: 105_005, supplementPercent: { 'age-70': 15, 'serious-illness': 0, 'severe-disability': 0, minor: 0 } },
      ),
    ).toEqual({ personId: 'x', kind: 'age-70', fen: 15_751 });
  });

  it('pays no supplement to a household that is not 低保', () => {
    const a = assessCategory(
      { members: [{ personId: 'g', age: 80, flags: ['seriously-ill'] }], incomes: [wages(120_000, 'g')], expenses: [] },
      s,
    );
    expect(a).toMatchObject({ category: 'near-dibao', supplements: [], monthlyBenefitFen: 0 });
  });

  it('a zero percent gives no supplement', () => {
    expect(
      supplementFor(
        { personId: 'x', age: 10, flags: [] },
        { standardFen: STANDARD, supplementPercent: { 'age-70': 10, 'serious-illness': 20, 'severe-disability': 20, minor: 0 } },
      ),
    ).toBeNull();
  });
});

describe('still qualifying for the enrolled category', () => {
  const a = (countedIncomeFen: number, rigidExpensesFen = 0, nearDibaoMultiplier = 1.5) => ({
    members: 2,
    countedIncomeFen,
    rigidExpensesFen,
    standardFen: STANDARD,
    nearDibaoMultiplier,
    expenditurePovertyRule: 'near-dibao-line' as const,
    perCapitaDisposableIncomeFen: DISPOSABLE,
  });
  it('低保: strictly below the standard', () => {
    expect(stillQualifies('dibao', a(209_999))).toBe(true);
    expect(stillQualifies('dibao', a(210_000))).toBe(false);
  });
  it('低保边缘: strictly below the multiplier line of the region', () => {
    expect(stillQualifies('near-dibao', a(314_999))).toBe(true);
    expect(stillQualifies('near-dibao', a(315_000))).toBe(false);
    expect(stillQualifies('near-dibao', a(315_000, 0, 2))).toBe(true);
  });
  it('支出型 (seed 003 篇十四): income after rigid expenses strictly below the 低保边缘 line, income below the disposable income', () => {
    expect(stillQualifies('expenditure-poverty', a(400_000, 85_001))).toBe(true);
    expect(stillQualifies('expenditure-poverty', a(400_000, 85_000))).toBe(false);
    // 2 × 39,218 元 a year = 653,633.33 fen a month
    expect(stillQualifies('expenditure-poverty', a(653_633, 600_000))).toBe(true);
    expect(stillQualifies('expenditure-poverty', a(653_634, 600_000))).toBe(false);
  });
  it('支出型 (seed 003 篇十一): after rigid expenses strictly below the standard; income falling below 2× has not risen', () => {
    const b = (income: number, rigid: number) => ({ ...a(income, rigid), expenditurePovertyRule: 'dibao-line' as const });
    expect(stillQualifies('expenditure-poverty', b(500_000, 290_001))).toBe(true);
    expect(stillQualifies('expenditure-poverty', b(500_000, 290_000))).toBe(false);
    expect(stillQualifies('expenditure-poverty', b(300_000, 100_000))).toBe(true);
  });
  it('none never qualifies', () => {
    expect(stillQualifies('none', a(0))).toBe(false);
  });
});
