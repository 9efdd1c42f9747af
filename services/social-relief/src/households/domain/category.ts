import type { HouseholdCategory } from '@civil/contracts';
import { EXCLUDED_INCOME_KINDS, ExpenseKind, IncomeKind, MemberFlag, SupplementKind } from './household-vocabulary';

/**
 * The category rule (低保 / 低保边缘 / 支出型 / none) and the 低保 benefit, as pure arithmetic in
 * integer fen. Rules the source documents leave open, decided here:
 *
 * - Comparisons are made on household totals, never on rounded per-member figures: "income per
 *   member below the standard" is `counted < standard × members`, so no rounding can move a
 *   household across a line. Per-member figures shown are rounded down.
 * - Boundaries: "below" is strict. Exactly at the standard is not below it (not 低保); exactly at
 *   standard × multiplier is not 低保边缘; income after rigid expenses exactly at the standard is
 *   not 支出型.
 * - Order: 低保 first, then 低保边缘, then 支出型 — a household whose income is in the 低保边缘 band
 *   is 低保边缘 even if its rigid expenses would also make it 支出型.
 * - Excluded kinds (抚恤金, 优待金, 基础养老金, 两残补贴) are never counted, verifiable or not.
 * - Unverifiable income: each earner (a member, or the household for income not tied to a member)
 *   with any unverifiable counted income is taken at the local minimum wage once — or at what they
 *   declared, if that is more (imputation never lowers a declaration). Verifiable income of the same
 *   earner is added on top.
 * - 低保 benefit: the gap `standard × members − counted income` (the exact form of
 *   (standard − income per member) × members), plus supplements. Other categories get no monthly
 *   benefit from this rule (0): their help comes by application and by benefit rounds.
 * - Supplements are per member, a percent of the standard (rounded to the fen), and a member gets
 *   ONE supplement — the largest that applies (就高不重复): a seriously ill 75-year-old gets the
 *   larger of the two, not both. Ties go in the order serious illness, severe disability, 70+, minor.
 * - Ages are whole years on the assessment day: 70 and over is "70+", under 18 is a minor.
 */
export interface CategorySettings {
  standardFen: number;
  /** 1.5 or 2 (one decimal). */
  nearDibaoMultiplier: number;
  minimumWageFen: number;
  supplementPercent: Record<SupplementKind, number>;
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

export interface Supplement {
  personId: string;
  kind: SupplementKind;
  fen: number;
}

export interface CategoryAssessment {
  category: HouseholdCategory;
  members: number;
  /** Monthly income counted (fen), after exclusions and imputation. */
  countedIncomeFen: number;
  /** Income not counted (the excluded kinds). */
  excludedIncomeFen: number;
  /** Earners whose unverifiable income was taken at the minimum wage ('household' for household-level income). */
  imputedEarners: string[];
  rigidExpensesFen: number;
  incomePerMemberFen: number;
  incomeAfterRigidExpensesPerMemberFen: number;
  standardFen: number;
  nearDibaoMultiplier: number;
  minimumWageFen: number;
  /** 低保 only: standard × members − counted income. */
  gapFen: number;
  supplements: Supplement[];
  monthlyBenefitFen: number;
}

const SUPPLEMENT_ORDER: readonly SupplementKind[] = ['serious-illness', 'severe-disability', 'age-70', 'minor'];

export function isExcludedIncome(kind: IncomeKind): boolean {
  return EXCLUDED_INCOME_KINDS.includes(kind);
}

/** The multiplier as tenths (1.5 → 15), so the 低保边缘 line is integer arithmetic. */
function tenths(multiplier: number): number {
  return Math.round(multiplier * 10);
}

/** Monthly income counted for the household (fen), the excluded part, and who was imputed. */
export function countedIncome(
  incomes: readonly AssessedIncome[],
  minimumWageFen: number,
): { countedFen: number; excludedFen: number; imputedEarners: string[] } {
  let excludedFen = 0;
  const verifiable = new Map<string, number>();
  const unverifiable = new Map<string, number>();
  for (const i of incomes) {
    if (isExcludedIncome(i.kind)) {
      excludedFen += i.monthlyFen;
      continue;
    }
    const earner = i.personId ?? 'household';
    const into = i.verifiable ? verifiable : unverifiable;
    into.set(earner, (into.get(earner) ?? 0) + i.monthlyFen);
  }
  let countedFen = 0;
  for (const fen of verifiable.values()) countedFen += fen;
  const imputedEarners: string[] = [];
  for (const [earner, declared] of unverifiable) {
    countedFen += Math.max(declared, minimumWageFen);
    imputedEarners.push(earner);
  }
  return { countedFen, excludedFen, imputedEarners: imputedEarners.sort() };
}

/** The one supplement a 低保 member gets (the largest that applies), or null. */
export function supplementFor(
  member: AssessedMember,
  settings: Pick<CategorySettings, 'standardFen' | 'supplementPercent'>,
): Supplement | null {
  const applies: Record<SupplementKind, boolean> = {
    'serious-illness': member.flags.includes('seriously-ill'),
    'severe-disability': member.flags.includes('severely-disabled'),
    'age-70': member.age >= 70,
    minor: member.age < 18,
  };
  let best: Supplement | null = null;
  for (const kind of SUPPLEMENT_ORDER) {
    if (!applies[kind]) continue;
    const fen = Math.round((settings.standardFen * settings.supplementPercent[kind]) / 100);
    if (best === null || fen > best.fen) best = { personId: member.personId, kind, fen };
  }
  return best && best.fen > 0 ? best : null;
}

/** Decides the category and the 低保 benefit. Needs at least one member. */
export function assessCategory(input: CategoryInput, settings: CategorySettings): CategoryAssessment {
  const n = input.members.length;
  if (n < 1) throw new RangeError('a household has at least one member');
  const { standardFen, nearDibaoMultiplier, minimumWageFen } = settings;
  const { countedFen, excludedFen, imputedEarners } = countedIncome(input.incomes, minimumWageFen);
  const rigidExpensesFen = input.expenses.reduce((s, e) => s + e.monthlyFen, 0);
  const line = standardFen * n;
  const afterRigid = countedFen - rigidExpensesFen;

  let category: HouseholdCategory;
  if (countedFen < line) category = 'dibao';
  else if (countedFen * 10 < line * tenths(nearDibaoMultiplier)) category = 'near-dibao';
  else if (afterRigid < line) category = 'expenditure-poverty';
  else category = 'none';

  const gapFen = category === 'dibao' ? line - countedFen : 0;
  const supplements =
    category === 'dibao' ? input.members.map((m) => supplementFor(m, settings)).filter((s): s is Supplement => s !== null) : [];
  const monthlyBenefitFen = gapFen + supplements.reduce((s, x) => s + x.fen, 0);

  return {
    category,
    members: n,
    countedIncomeFen: countedFen,
    excludedIncomeFen: excludedFen,
    imputedEarners,
    rigidExpensesFen,
    incomePerMemberFen: Math.floor(countedFen / n),
    incomeAfterRigidExpensesPerMemberFen: Math.floor(afterRigid / n),
    standardFen,
    nearDibaoMultiplier,
    minimumWageFen,
    gapFen,
    supplements,
    monthlyBenefitFen,
  };
}

/**
 * Whether an assessment still meets the income test of the category a household is enrolled in
 * (strictly below its line): 低保 — counted income below the standard; 低保边缘 — below standard ×
 * multiplier; 支出型 — income after rigid expenses below the standard. At or above the line, the
 * household no longer qualifies and an enrolled one enters its phase-out.
 */
export function stillQualifies(
  enrolled: HouseholdCategory,
  a: Pick<CategoryAssessment, 'members' | 'countedIncomeFen' | 'rigidExpensesFen' | 'standardFen' | 'nearDibaoMultiplier'>,
): boolean {
  const line = a.standardFen * a.members;
  switch (enrolled) {
    case 'dibao':
      return a.countedIncomeFen < line;
    case 'near-dibao':
      return a.countedIncomeFen * 10 < line * tenths(a.nearDibaoMultiplier);
    case 'expenditure-poverty':
      return a.countedIncomeFen - a.rigidExpensesFen < line;
    case 'none':
      return false;
  }
}
