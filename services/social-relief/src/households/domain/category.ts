import type { HouseholdCategory } from '@civil/contracts';
import { BenefitSettings, dibaoBenefit, Supplement, supplementFor } from './dibao-benefit';
import { ExpenditurePovertyLines, meetsExpenditurePovertyTest, tenths, withinExpenditurePovertyCeilings } from './expenditure-poverty';
import {
  EMPLOYMENT_INCOME_KINDS,
  EXCLUDED_INCOME_KINDS,
  ExpenditurePovertyRule,
  ExpenseKind,
  IncomeKind,
  MemberFlag,
} from './household-vocabulary';
import { SinglePersonDibao, singlePersonDibao } from './single-person-dibao';

export { supplementFor };
export type { Supplement };

/**
 * The category rule (低保 / 低保边缘 / 支出型 / none) and the 低保 benefit, as pure arithmetic in
 * integer fen. Rules the source documents leave open, decided here:
 *
 * - Comparisons are made on household totals, never on rounded per-member figures: "income per
 *   member below the standard" is `counted < standard × members`, so no rounding can move a
 *   household across a line. Per-member figures shown are rounded down.
 * - Boundaries: "below" is strict. Exactly at the standard is not below it (not 低保); exactly at
 *   standard × multiplier is not 低保边缘; exactly at a 支出型 line is not 支出型.
 * - Order: 低保 first, then 低保边缘, then 支出型 — a household whose income is in the 低保边缘 band
 *   is 低保边缘 even if its rigid expenses would also make it 支出型. 支出型 follows the region's
 *   rule, 篇十四 or 篇十一 (see `meetsExpenditurePovertyTest`).
 * - Excluded kinds (抚恤金, 优待金, 基础养老金, 两残补贴, 扶贫项目保底收益) are never counted,
 *   verifiable or not.
 * - Unverifiable income: each earner (a member, or the household for income not tied to a member)
 *   with any unverifiable counted income is taken at the local minimum wage once — or at what they
 *   declared, if that is more (imputation never lowers a declaration). Verifiable income of the same
 *   earner is added on top.
 * - Employment costs (就业成本, seed 003 篇十四): an earner with wages has the employment costs
 *   declared on their wage incomes deducted from what they are counted for — or, when they declare
 *   none, the region's standard amount (`employment-cost-standard-fen`, 0 unless set) — never below
 *   zero for that earner.
 * - 低保 benefit: the gap `standard × members − counted income`, at least the minimum top-up, plus
 *   supplements (see dibao-benefit.ts). Other categories get no monthly benefit from this rule (0);
 *   their severely disabled and seriously ill members may qualify for 低保 on their own (单人户, see
 *   single-person-dibao.ts).
 */
export interface CategorySettings extends BenefitSettings {
  /** 1.5 or 2 (one decimal). */
  nearDibaoMultiplier: number;
  minimumWageFen: number;
  expenditurePovertyRule: ExpenditurePovertyRule;
  /** Last year's local per-capita disposable income, fen a year. */
  perCapitaDisposableIncomeFen: number;
  /** 单人户 band: household income below standard × this (篇八 1.5, 篇十一 2). */
  singlePersonDibaoMultiplier: number;
  /** Deducted from a wage earner who declares no employment cost (fen a month). */
  employmentCostStandardFen: number;
}

export interface AssessedMember {
  personId: string;
  age: number;
  flags: readonly MemberFlag[];
}

export interface AssessedIncome {
  /** The earner, or null for income of the household as a whole. */
  personId: string | null;
  kind: IncomeKind;
  monthlyFen: number;
  verifiable: boolean;
  /** Employment costs (就业成本) of a wage income, fen a month; absent: none declared. */
  employmentCostFen?: number;
}

export interface AssessedExpense {
  kind: ExpenseKind;
  monthlyFen: number;
}

export interface CategoryInput {
  members: readonly AssessedMember[];
  incomes: readonly AssessedIncome[];
  expenses: readonly AssessedExpense[];
}

export interface CategoryAssessment {
  category: HouseholdCategory;
  members: number;
  /** Monthly income counted (fen), after exclusions, imputation and employment costs. */
  countedIncomeFen: number;
  /** Income not counted (the excluded kinds). */
  excludedIncomeFen: number;
  /** Earners whose unverifiable income was taken at the minimum wage ('household' for household-level income). */
  imputedEarners: string[];
  /** Employment costs deducted (fen a month, all earners). */
  employmentCostsFen: number;
  rigidExpensesFen: number;
  incomePerMemberFen: number;
  incomeAfterRigidExpensesPerMemberFen: number;
  standardFen: number;
  nearDibaoMultiplier: number;
  minimumWageFen: number;
  expenditurePovertyRule: ExpenditurePovertyRule;
  perCapitaDisposableIncomeFen: number;
  /** 低保 only: standard × members − counted income. */
  gapFen: number;
  /** 低保 only: the minimum top-up of the household (0 otherwise). */
  minimumTopUpFen: number;
  /** 低保 only: the gap, raised to the minimum top-up when below it (0 otherwise). */
  topUpFen: number;
  supplements: Supplement[];
  monthlyBenefitFen: number;
  singlePersonDibaoMultiplier: number;
  /** Members who may enter 低保 as single-person households (单人户), with their own benefit. */
  singlePersonDibao: SinglePersonDibao[];
}

export function isExcludedIncome(kind: IncomeKind): boolean {
  return EXCLUDED_INCOME_KINDS.includes(kind);
}

export interface CountedIncome {
  countedFen: number;
  excludedFen: number;
  imputedEarners: string[];
  employmentCostsFen: number;
  /** Counted income of each earner ('household' for household-level income). */
  byEarner: Map<string, number>;
}

interface Earner {
  verifiable: number;
  unverifiable: number;
  hasUnverifiable: boolean;
  hasWages: boolean;
  declaredCost: number | null;
}

/** Monthly income counted for the household (fen), the excluded part, who was imputed, and employment costs. */
export function countedIncome(incomes: readonly AssessedIncome[], minimumWageFen: number, employmentCostStandardFen = 0): CountedIncome {
  let excludedFen = 0;
  const earners = new Map<string, Earner>();
  for (const i of incomes) {
    if (isExcludedIncome(i.kind)) {
      excludedFen += i.monthlyFen;
      continue;
    }
    const key = i.personId ?? 'household';
    const e = earners.get(key) ?? { verifiable: 0, unverifiable: 0, hasUnverifiable: false, hasWages: false, declaredCost: null };
    if (i.verifiable) e.verifiable += i.monthlyFen;
    else {
      e.unverifiable += i.monthlyFen;
      e.hasUnverifiable = true;
    }
    if (EMPLOYMENT_INCOME_KINDS.includes(i.kind)) {
      e.hasWages = true;
      if (i.employmentCostFen !== undefined) e.declaredCost = (e.declaredCost ?? 0) + i.employmentCostFen;
    }
    earners.set(key, e);
  }
  let countedFen = 0;
  let employmentCostsFen = 0;
  const imputedEarners: string[] = [];
  const byEarner = new Map<string, number>();
  for (const [key, e] of earners) {
    let fen = e.verifiable;
    if (e.hasUnverifiable) {
      fen += Math.max(e.unverifiable, minimumWageFen);
      imputedEarners.push(key);
    }
    const cost = e.hasWages ? Math.min(fen, e.declaredCost ?? employmentCostStandardFen) : 0;
    employmentCostsFen += cost;
    byEarner.set(key, fen - cost);
    countedFen += fen - cost;
  }
  return { countedFen, excludedFen, imputedEarners: imputedEarners.sort(), employmentCostsFen, byEarner };
}

/** Decides the category and the 低保 benefit. Needs at least one member. */
export function assessCategory(input: CategoryInput, settings: CategorySettings): CategoryAssessment {
  const n = input.members.length;
  if (n < 1) throw new RangeError('a household has at least one member');
  const { standardFen, nearDibaoMultiplier, minimumWageFen } = settings;
  const counted = countedIncome(input.incomes, minimumWageFen, settings.employmentCostStandardFen);
  const countedFen = counted.countedFen;
  const rigidExpensesFen = input.expenses.reduce((s, e) => s + e.monthlyFen, 0);
  const line = standardFen * n;
  const afterRigid = countedFen - rigidExpensesFen;
  const lines: ExpenditurePovertyLines = {
    members: n,
    standardFen,
    nearDibaoMultiplier,
    expenditurePovertyRule: settings.expenditurePovertyRule,
    perCapitaDisposableIncomeFen: settings.perCapitaDisposableIncomeFen,
  };

  let category: HouseholdCategory;
  if (countedFen < line) category = 'dibao';
  else if (countedFen * 10 < line * tenths(nearDibaoMultiplier)) category = 'near-dibao';
  else if (meetsExpenditurePovertyTest(countedFen, rigidExpensesFen, lines)) category = 'expenditure-poverty';
  else category = 'none';

  const benefit =
    category === 'dibao'
      ? dibaoBenefit(input.members, countedFen, settings)
      : { gapFen: 0, minimumTopUpFen: 0, topUpFen: 0, supplements: [], monthlyBenefitFen: 0 };
  const singles = singlePersonDibao(
    {
      countedFen,
      members: input.members,
      countedByMember: counted.byEarner,
      singlePersonDibaoMultiplier: settings.singlePersonDibaoMultiplier,
    },
    settings,
  );

  return {
    category,
    members: n,
    countedIncomeFen: countedFen,
    excludedIncomeFen: counted.excludedFen,
    imputedEarners: counted.imputedEarners,
    employmentCostsFen: counted.employmentCostsFen,
    rigidExpensesFen,
    incomePerMemberFen: Math.floor(countedFen / n),
    incomeAfterRigidExpensesPerMemberFen: Math.floor(afterRigid / n),
    standardFen,
    nearDibaoMultiplier,
    minimumWageFen,
    expenditurePovertyRule: settings.expenditurePovertyRule,
    perCapitaDisposableIncomeFen: settings.perCapitaDisposableIncomeFen,
    ...benefit,
    singlePersonDibaoMultiplier: settings.singlePersonDibaoMultiplier,
    singlePersonDibao: singles,
  };
}

/**
 * Whether an assessment still meets the income test of the category a household is enrolled in
 * (strictly below its line): 低保 — counted income below the standard; 低保边缘 — below standard ×
 * multiplier; 支出型 — the ceilings of the region's 支出型 rule on the day of the assessment (income
 * that fell below 篇十一's 2× floor has not risen). At or above the line, the household no longer
 * qualifies and an enrolled one enters its phase-out.
 */
export function stillQualifies(
  enrolled: HouseholdCategory,
  a: Pick<
    CategoryAssessment,
    | 'members'
    | 'countedIncomeFen'
    | 'rigidExpensesFen'
    | 'standardFen'
    | 'nearDibaoMultiplier'
    | 'expenditurePovertyRule'
    | 'perCapitaDisposableIncomeFen'
  >,
): boolean {
  const line = a.standardFen * a.members;
  switch (enrolled) {
    case 'dibao':
      return a.countedIncomeFen < line;
    case 'near-dibao':
      return a.countedIncomeFen * 10 < line * tenths(a.nearDibaoMultiplier);
    case 'expenditure-poverty':
      return withinExpenditurePovertyCeilings(a.countedIncomeFen, a.rigidExpensesFen, { ...a });
    case 'none':
      return false;
  }
}
