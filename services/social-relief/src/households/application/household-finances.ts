import { randomUUID } from 'node:crypto';
import { HouseholdExpense, HouseholdIncome } from '../domain/household';
import { ExpenseKind, IncomeKind } from '../domain/household-vocabulary';

export interface IncomeInput {
  personId?: string | null;
  kind: IncomeKind;
  monthlyFen: number;
  verifiable: boolean;
  employmentCostFen?: number;
}

export interface ExpenseInput {
  personId?: string | null;
  kind: ExpenseKind;
  monthlyFen: number;
}

/** An income as the household records it, with an id of its own. */
export function income(i: IncomeInput): HouseholdIncome {
  return {
    incomeId: `inc-${randomUUID().slice(0, 8)}`,
    personId: i.personId ?? null,
    kind: i.kind,
    monthlyFen: i.monthlyFen,
    verifiable: i.verifiable,
    ...(i.employmentCostFen === undefined ? {} : { employmentCostFen: i.employmentCostFen }),
  };
}

/** A rigid expense as the household records it, with an id of its own. */
export function expense(e: ExpenseInput): HouseholdExpense {
  return { expenseId: `exp-${randomUUID().slice(0, 8)}`, personId: e.personId ?? null, kind: e.kind, monthlyFen: e.monthlyFen };
}
