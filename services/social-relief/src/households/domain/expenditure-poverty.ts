import { ExpenditurePovertyRule } from './household-vocabulary';

/**
 * The income test of 支出型困难家庭 (seed 003), one of two rules per region:
 *
 * - 篇十四 ('near-dibao-line', the default): "家庭人均年收入低于当地上年度居民人均可支配收入，扣减…刚性
 *   支出后低于当地低保边缘家庭标准" — yearly income per member below last year's per-capita
 *   disposable income, and income after rigid expenses below standard × the region's 低保边缘
 *   multiplier.
 * - 篇十一 ('dibao-line'): "家庭人均可支配收入高于当地低保标准2倍（含），但低于上年度当地居民人均可支配
 *   收入，扣减…必需支出后，人均收入低于当地最低生活保障标准" — income per member from 2× the standard
 *   (inclusive) up to last year's per-capita disposable income, and after rigid expenses below the
 *   standard. The 2× is the seed's own, not the region's 低保边缘 multiplier.
 *
 * Monthly income is compared with the yearly disposable income as income × 12; all comparisons are on
 * household totals in fen, "below" strict, as for the other categories.
 */
export interface ExpenditurePovertyLines {
  members: number;
  standardFen: number;
  nearDibaoMultiplier: number;
  expenditurePovertyRule: ExpenditurePovertyRule;
  /** Last year's local per-capita disposable income (上年度当地居民人均可支配收入), fen a year. */
  perCapitaDisposableIncomeFen: number;
}

/** The multiplier as tenths (1.5 → 15), so the lines are integer arithmetic. */
export function tenths(multiplier: number): number {
  return Math.round(multiplier * 10);
}

/**
 * The ceilings of the region's rule: yearly income per member below last year's per-capita disposable
 * income, and income after rigid expenses below the rule's line. A household enrolled as 支出型 keeps
 * qualifying while under both (income that falls below 篇十一's 2× floor has not risen above a line).
 */
export function withinExpenditurePovertyCeilings(countedFen: number, rigidExpensesFen: number, lines: ExpenditurePovertyLines): boolean {
  const line = lines.standardFen * lines.members;
  const afterRigid = countedFen - rigidExpensesFen;
  if (countedFen * 12 >= lines.perCapitaDisposableIncomeFen * lines.members) return false;
  switch (lines.expenditurePovertyRule) {
    case 'near-dibao-line':
      return afterRigid * 10 < line * tenths(lines.nearDibaoMultiplier);
    case 'dibao-line':
      return afterRigid < line;
  }
}

/** Whether monthly counted income and rigid expenses meet the region's 支出型 income test (篇十一 adds its 2× floor). */
export function meetsExpenditurePovertyTest(countedFen: number, rigidExpensesFen: number, lines: ExpenditurePovertyLines): boolean {
  const floor = lines.expenditurePovertyRule === 'dibao-line' ? 2 * lines.standardFen * lines.members : 0;
  return countedFen >= floor && withinExpenditurePovertyCeilings(countedFen, rigidExpensesFen, lines);
}
