import { Injectable } from '@nestjs/common';
import { Principal } from '@civil/platform';
import { replaceFinances } from '../domain/household';
import { HouseholdChanges } from './household-changes';
import { expense, ExpenseInput, income, IncomeInput } from './household-finances';

/** Replaces a household's incomes and/or rigid expenses. */
@Injectable()
export class UpdateFinances {
  constructor(private readonly changes: HouseholdChanges) {}

  async execute(householdId: string, change: { incomes?: IncomeInput[]; expenses?: ExpenseInput[] }, by: Principal) {
    const incomes = change.incomes?.map(income);
    const expenses = change.expenses?.map(expense);
    return this.changes.view(
      await this.changes.change(householdId, by, (cur, now) => ({ next: replaceFinances(cur, { incomes, expenses }, now) })),
    );
  }
}
