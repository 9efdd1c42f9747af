import { Injectable } from '@nestjs/common';
import { Clock, divisionAncestors, DomainError, shanghaiDate } from '@civil/kernel';
import { ConcurrentChangeError } from '@civil/persistence';
import { assertCovers, assertFoundWithin, InjectClock, Principal, reaches, RegionalSettingsService } from '@civil/platform';
import { randomUUID } from 'node:crypto';
import { PersonRegistry, registeredElsewhere } from '../../people/application/person-registry';
import { ageOn, NewPerson, Person } from '../../people/domain/person';
import type { SettingKey } from '../../regional-settings/domain/settings';
import { assessCategory, CategorySettings } from '../domain/category';
import { EXPENDITURE_POVERTY_RULES } from '../domain/household-vocabulary';
import {
  addMember,
  assertEmploymentCosts,
  changeMember,
  Household,
  HouseholdAssessment,
  HouseholdExpense,
  HouseholdIncome,
  HouseholdMember,
  recordAssessment,
  RegisterChange,
  removeMember,
  replaceFinances,
  withRegisterChanges,
} from '../domain/household';
import { ExpenseKind, HouseholdStatus, IncomeKind, MemberFlag, Relation } from '../domain/household-vocabulary';
import { HouseholdRepository } from '../infrastructure/household.repository';
import { HouseholdChange } from './household-events';
import { HouseholdRegisters } from './household-registers';
import { assessmentView, householdView } from './household-view';

/** Unknown, or outside the caller's reach: the same answer. */
const householdNotFound = (householdId: string) =>
  DomainError.notFound('HouseholdNotFound', `no household ${householdId}`, { householdId });

export interface NewMember extends Omit<NewPerson, 'divisionCode'> {
  relation: Relation;
  flags?: MemberFlag[];
  canWork: boolean;
}

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

export interface NewHousehold {
  divisionCode: string;
  members: NewMember[];
  /** `memberIndex` points into `members` (0-based); absent: income of the household as a whole. */
  incomes?: (Omit<IncomeInput, 'personId'> & { memberIndex?: number })[];
  expenses?: (Omit<ExpenseInput, 'personId'> & { memberIndex?: number })[];
}

/**
 * A decision about a household: its next state, the changes others hear of, and what goes
 * outside its document first (the phase-out watch entry, the sweep's pointers to register changes).
 */
type Change = { next: Household; changes?: HouseholdChange[]; watch?: { endsOn: string }; registerChanges?: RegisterChange[] };

/**
 * Households: members (people of the registry), incomes, rigid expenses, assessments by rule
 * (HouseholdCategoryDetermined, and HouseholdPhaseOutStarted when an enrolled household's income
 * rises), each state change and its events in one compare-and-set write. A member change that moves
 * the register records the register change (`registerSyncPending`) in that same write; it is made
 * after (HouseholdRegisters.settlePending) and the phase-out sweep retries what a crash left.
 */
@Injectable()
export class HouseholdsService {
  constructor(
    private readonly households: HouseholdRepository,
    private readonly people: PersonRegistry,
    private readonly registers: HouseholdRegisters,
    private readonly settings: RegionalSettingsService<SettingKey>,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async create(input: NewHousehold, by: Principal) {
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
    const persons = await this.registerMembers(input.members, input.divisionCode, 'members', by);
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
      incomes: (input.incomes ?? []).map((i) =>
        this.income({ ...i, personId: i.memberIndex === undefined ? null : personIds[i.memberIndex] }),
      ),
      expenses: (input.expenses ?? []).map((e) =>
        this.expense({ ...e, personId: e.memberIndex === undefined ? null : personIds[e.memberIndex] }),
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
    return this.view(household);
  }

  async get(householdId: string, by: Principal) {
    return this.view(await this.mustGet(householdId, by));
  }

  async list(by: Principal, status: HouseholdStatus | undefined, limit: number) {
    const found = await this.households.listIn(by.jurisdiction, status, limit);
    const persons = await this.people.getMany(found.flatMap((h) => h.members.map((m) => m.personId)));
    const today = shanghaiDate(this.clock.now());
    return found.map((h) => householdView(h, persons, today));
  }

  async assessments(householdId: string, by: Principal) {
    return (await this.mustGet(householdId, by)).assessments.map(assessmentView);
  }

  async addMember(householdId: string, member: NewMember, by: Principal) {
    const h = await this.mustGet(householdId, by);
    const [person] = await this.registerMembers([member], h.divisionCode, null, by);
    const changeId = registerChangeId();
    const next = await this.change(householdId, by, (cur, now) => {
      const added = addMember(
        cur,
        { personId: person.personId, relation: member.relation, flags: [...new Set(member.flags ?? [])], canWork: member.canWork },
        now,
      );
      const current = added.status === 'enrolled' || added.status === 'phase-out' ? added.enrolments.find((e) => e.to === null) : undefined;
      return {
        next: added,
        registerChanges:
          current && current.category !== 'none'
            ? [registerChange(changeId, 'enrol', current.category, shanghaiDate(now), person.personId, now)]
            : [],
      };
    });
    await this.registers.settlePending(householdId);
    return this.view(next);
  }

  async changeMember(
    householdId: string,
    personId: string,
    change: Partial<Pick<HouseholdMember, 'relation' | 'flags' | 'canWork'>>,
    by: Principal,
  ) {
    const tidy = change.flags ? { ...change, flags: [...new Set(change.flags)] } : change;
    return this.view(await this.change(householdId, by, (cur, now) => ({ next: changeMember(cur, personId, tidy, now) })));
  }

  async removeMember(householdId: string, personId: string, by: Principal) {
    const changeId = registerChangeId();
    const next = await this.change(householdId, by, (cur, now) => {
      const removed = removeMember(cur, personId, now);
      const current = removed.enrolments.find((e) => e.to === null);
      return {
        next: removed,
        registerChanges:
          current && current.category !== 'none'
            ? [registerChange(changeId, 'end', current.category, shanghaiDate(now), personId, now)]
            : [],
      };
    });
    await this.registers.settlePending(householdId);
    return this.view(next);
  }

  async updateFinances(householdId: string, change: { incomes?: IncomeInput[]; expenses?: ExpenseInput[] }, by: Principal) {
    const incomes = change.incomes?.map((i) => this.income(i));
    const expenses = change.expenses?.map((e) => this.expense(e));
    return this.view(await this.change(householdId, by, (cur, now) => ({ next: replaceFinances(cur, { incomes, expenses }, now) })));
  }

  /**
   * Runs the category rule with the settings of the household's division on the assessment day,
   * records it and publishes HouseholdCategoryDetermined (amounts only, no personal data); starts
   * or cancels a phase-out of an enrolled household (HouseholdPhaseOutStarted on start).
   */
  async assess(householdId: string, by: Principal) {
    const assessmentId = `as-${randomUUID()}`;
    const now = this.clock.now();
    const day = shanghaiDate(now);
    // the members' people and the division's settings are read first, for the household as it is now
    const before = await this.mustGet(householdId, by);
    const persons = await this.people.getMany(before.members.map((m) => m.personId));
    const settings = await this.categorySettings(before.divisionCode, day);
    let outcome = 'recorded';
    const next = await this.change(
      householdId,
      by,
      (cur) => {
        const result = assessCategory(
          {
            members: cur.members.map((m) => {
              // a member added since the people were read: assess again
              if (!before.members.some((b) => b.personId === m.personId)) throw changedMeanwhile(householdId);
              const person = persons.get(m.personId);
              if (!person)
                throw DomainError.conflict('MemberMissing', `member ${m.personId} of household ${cur.householdId} is not in the registry`, {
                  personId: m.personId,
                });
              return { personId: m.personId, age: ageOn(person.birthDate, day), flags: m.flags };
            }),
            incomes: cur.incomes,
            expenses: cur.expenses,
          },
          settings,
        );
        const assessment: HouseholdAssessment = {
          ...result,
          assessmentId,
          previousCategory: cur.assessedCategory,
          day,
          at: now,
          by: by.sub,
        };
        const recorded = recordAssessment(cur, assessment);
        outcome = recorded.outcome;
        const changes: HouseholdChange[] = [{ type: 'category-determined', assessment }];
        const phaseOut = recorded.next.phaseOut;
        if (recorded.outcome === 'phase-out-started' && phaseOut) {
          changes.push({ type: 'phase-out-started', at: now });
          return { next: recorded.next, changes, watch: { endsOn: phaseOut.endsOn } };
        }
        return { next: recorded.next, changes };
      },
      { now, before },
    );
    return { outcome, assessment: assessmentView(next.assessments.at(-1)!), household: await this.view(next) };
  }

  /** The category settings of a division on a day (history per region; the narrowest division wins). */
  async categorySettings(divisionCode: string, day: string): Promise<CategorySettings> {
    const v = (key: SettingKey) => this.settings.valueFor(key, divisionCode, day);
    return {
      standardFen: await v('dibao-standard-fen'),
      nearDibaoMultiplier: await v('near-dibao-multiplier'),
      minimumWageFen: await v('minimum-wage-fen'),
      // the setting holds the rule's index: 0 篇十四 (the default), 1 篇十一
      expenditurePovertyRule: EXPENDITURE_POVERTY_RULES[await v('expenditure-poverty-rule')],
      perCapitaDisposableIncomeFen: await v('per-capita-disposable-income-fen'),
      singlePersonDibaoMultiplier: await v('single-person-dibao-multiplier'),
      minimumTopUpPercent: await v('dibao-minimum-top-up-percent'),
      employmentCostStandardFen: await v('employment-cost-standard-fen'),
      supplementPercent: {
        'age-70': await v('supplement-age-70-percent'),
        'serious-illness': await v('supplement-serious-illness-percent'),
        'severe-disability': await v('supplement-disability-percent'),
        minor: await v('supplement-minor-percent'),
      },
    };
  }

  private async mustGet(householdId: string, by: Principal): Promise<Household> {
    const h = (await this.households.get(householdId))?.value;
    if (!h) throw householdNotFound(householdId);
    assertFoundWithin(by, () => householdNotFound(householdId), h.divisionCode);
    return h;
  }

  /**
   * Changes a household within the caller's reach (404 otherwise) through its store, which decides
   * again if someone wrote in between. What goes outside the household's document goes first: the
   * phase-out watch entry and the sweep's pointers to its register changes, as the decision on the
   * household read now has them (so they are a superset); a decision on a household changed since
   * that needs one not written is refused as a concurrent change (409, try again).
   */
  private async change(
    householdId: string,
    by: Principal,
    decide: (current: Household, now: Date) => Change,
    read: { now?: Date; before?: Household } = {},
  ): Promise<Household> {
    const notFound = () => householdNotFound(householdId);
    const now = read.now ?? this.clock.now();
    const planned = decide(read.before ?? (await this.mustGet(householdId, by)), now);
    if (planned.watch) await this.households.watchPhaseOut(householdId, planned.watch.endsOn);
    // the sweep's pointers go first (a superset of the households with changes recorded)
    const pointed = new Set((planned.registerChanges ?? []).map((c) => c.changeId));
    if (pointed.size)
      await this.households.pointRegisterSync(planned.registerChanges!.map((c) => ({ changeId: c.changeId, householdId, at: c.at })));
    const { state } = await this.households.store.change(
      householdId,
      (current) => {
        assertFoundWithin(by, notFound, current.divisionCode);
        const { next, changes = [], watch, registerChanges = [] } = decide(current, now);
        if ((watch && watch.endsOn !== planned.watch?.endsOn) || registerChanges.some((c) => !pointed.has(c.changeId)))
          throw changedMeanwhile(householdId);
        return { next: withRegisterChanges(next, registerChanges), changes };
      },
      notFound,
    );
    return state;
  }

  /**
   * Registers (or finds) each member's person; 400 naming `<field>.<n>.idNumber` for a bad or
   * repeated ID number, 403 for one on file outside the caller's jurisdiction (the household's view
   * shows its members, and the refusal says nothing of where that person is).
   */
  private async registerMembers(members: NewMember[], divisionCode: string, field: string | null, by: Principal): Promise<Person[]> {
    const persons: Person[] = [];
    for (const [n, m] of members.entries()) {
      const path = field ? `${field}.${n}.idNumber` : 'idNumber';
      let person: Person;
      try {
        person = (await this.people.register({ name: m.name, idNumber: m.idNumber, phone: m.phone ?? null, divisionCode })).person;
      } catch (e) {
        if (e instanceof DomainError && e.code === 'InvalidIdNumber')
          throw DomainError.invalid('InvalidIdNumber', `${path}: ${e.message}`, { field: path });
        throw e;
      }
      if (!reaches(by, person.divisionCode)) throw registeredElsewhere(path);
      if (persons.some((p) => p.personId === person.personId))
        throw DomainError.invalid('DuplicateMember', `${path}: the same person is listed twice`, { field: path });
      persons.push(person);
    }
    return persons;
  }

  private income(i: IncomeInput): HouseholdIncome {
    return {
      incomeId: `inc-${randomUUID().slice(0, 8)}`,
      personId: i.personId ?? null,
      kind: i.kind,
      monthlyFen: i.monthlyFen,
      verifiable: i.verifiable,
      ...(i.employmentCostFen === undefined ? {} : { employmentCostFen: i.employmentCostFen }),
    };
  }

  private expense(e: ExpenseInput): HouseholdExpense {
    return { expenseId: `exp-${randomUUID().slice(0, 8)}`, personId: e.personId ?? null, kind: e.kind, monthlyFen: e.monthlyFen };
  }

  private async view(h: Household) {
    return householdView(h, await this.people.getMany(h.members.map((m) => m.personId)), shanghaiDate(this.clock.now()));
  }
}

/** The id of a register change, chosen before the decision (the sweep's pointer carries it). */
function registerChangeId(): string {
  return `rc-${randomUUID()}`;
}

function registerChange(
  changeId: string,
  action: RegisterChange['action'],
  category: RegisterChange['category'],
  day: string,
  personId: string,
  at: Date,
): RegisterChange {
  return { changeId, action, category, day, personIds: [personId], at };
}

/** The household changed since it was read in a way the write's preparation did not cover. */
function changedMeanwhile(householdId: string): ConcurrentChangeError {
  return new ConcurrentChangeError(`household ${householdId} kept changing while being written; try again`, { id: householdId });
}
