import { Injectable } from '@nestjs/common';
import { Clock, divisionAncestors, DomainError } from '@civil/kernel';
import { assertCovers, InjectClock, Principal } from '@civil/platform';
import { randomUUID } from 'node:crypto';
import { assertEmploymentCosts, Household } from '../domain/household';
import { HouseholdRepository } from '../infrastructure/household.repository';
import { HouseholdChanges } from './household-changes';
import { expense, ExpenseInput, income, IncomeInput } from './household-finances';
import { MemberPeople, NewMember } from './member-people';

export interface NewHousehold {
  divisionCode: string;
  members: NewMember[];
  /** `memberIndex` points into `members` (0-based); absent: income of the household as a whole. */
  incomes?: (Omit<IncomeInput, 'personId'> & { memberIndex?: number })[];
  expenses?: (Omit<ExpenseInput, 'personId'> & { memberIndex?: number })[];
}

/** Registers a household with its members (each a person of the registry), incomes and rigid expenses. */
@Injectable()
export class CreateHousehold {
  constructor(
    private readonly households: HouseholdRepository,
    private readonly changes: HouseholdChanges,
    private readonly members: MemberPeople,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async execute(input: NewHousehold, by: Principal) {
    assertCovers(by, input.divisionCode);
    const refs = (list: { memberIndex?: number }[] | undefined, field: string) =>
      (list ?? []).forEach((x, n) => {
        if (x.memberIndex !== undefined && x.memberIndex >= input.members.length)
          throw DomainError.invalid('NotAMember', `${field}.${n}.memberIndex points past the members`, {
            field: `${field}.${n}.memberIndex`,
          });
      });
    refs(input.incomes, 'incomes');
    refs(input.expenses, 'expenses');
    assertEmploymentCosts(input.incomes ?? []);
    const persons = await this.members.register(input.members, input.divisionCode, 'members', by);
    const personIds = persons.map((p) => p.personId);
    const now = this.clock.now();
    const household: Household = {
      householdId: `hh-${randomUUID()}`,
      divisionCode: input.divisionCode,
      divisionAncestors: divisionAncestors(input.divisionCode),
      members: input.members.map((m, n) => ({
        personId: personIds[n],
        relation: m.relation,
        flags: [...new Set(m.flags ?? [])],
        canWork: m.canWork,
      })),
      incomes: (input.incomes ?? []).map((i) => income({ ...i, personId: i.memberIndex === undefined ? null : personIds[i.memberIndex] })),
      expenses: (input.expenses ?? []).map((e) =>
        expense({ ...e, personId: e.memberIndex === undefined ? null : personIds[e.memberIndex] }),
      ),
      status: 'not-enrolled',
      assessedCategory: null,
      assessments: [],
      enrolledCategory: null,
      enrolments: [],
      phaseOut: null,
      phaseOutHistory: [],
      createdAt: now,
      createdBy: by.sub,
      updatedAt: now,
    };
    await this.households.store.create(household, []);
    return this.changes.view(household);
  }
}
