import { Injectable } from '@nestjs/common';
import { HouseholdCategoryDeterminedV1, HouseholdPhaseOutStartedV1 } from '@civil/contracts';
import { Clock, deterministicId, divisionAncestors, DomainError, shanghaiDate } from '@civil/kernel';
import { outboxEntry, OutboxEntry, OutboxRelay } from '@civil/messaging';
import { assertCovers, assertFoundWithin, InjectClock, Principal, reaches, RegionalSettingsService } from '@civil/platform';
import { randomUUID } from 'node:crypto';
import { PersonRegistry, registeredElsewhere } from '../../people/application/person-registry';
import { ageOn, NewPerson, Person } from '../../people/domain/person';
import type { SettingKey } from '../../regional-settings/domain/settings';
import { assessCategory, CategorySettings } from '../domain/category';
import {
  addMember,
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
import { HouseholdRegisters } from './household-registers';
import { assessmentView, householdView } from './household-view';

/** Unknown, or outside the caller's reach: the same answer. */
const householdNotFound = (householdId: string) =>
  DomainError.notFound('HouseholdNotFound', `no household ${householdId}`, { householdId });

const CAS_ATTEMPTS = 8;

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

type Change = { next: Household; events?: OutboxEntry[]; watch?: { endsOn: string }; registerChanges?: RegisterChange[] };

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
    private readonly relay: OutboxRelay,
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
    await this.households.insert(household, []);
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
            ? [registerChange('enrol', current.category, shanghaiDate(now), person.personId, now)]
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
    const next = await this.change(householdId, by, (cur, now) => {
      const removed = removeMember(cur, personId, now);
      const current = removed.enrolments.find((e) => e.to === null);
      return {
        next: removed,
        registerChanges:
          current && current.category !== 'none' ? [registerChange('end', current.category, shanghaiDate(now), personId, now)] : [],
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
    let outcome = 'recorded';
    const next = await this.change(householdId, by, async (cur, now) => {
      const day = shanghaiDate(now);
      const persons = await this.people.getMany(cur.members.map((m) => m.personId));
      const result = assessCategory(
        {
          members: cur.members.map((m) => {
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
        await this.categorySettings(cur.divisionCode, day),
      );
      const assessment: HouseholdAssessment = { ...result, assessmentId, previousCategory: cur.assessedCategory, day, at: now, by: by.sub };
      const recorded = recordAssessment(cur, assessment);
      outcome = recorded.outcome;
      const events = [
        outboxEntry(
          HouseholdCategoryDeterminedV1,
          {
            householdId: cur.householdId,
            divisionCode: cur.divisionCode,
            category: result.category,
            previousCategory: cur.assessedCategory,
            members: result.members,
            incomePerMemberFen: result.incomePerMemberFen,
            incomeAfterRigidExpensesPerMemberFen: result.incomeAfterRigidExpensesPerMemberFen,
            standardFen: result.standardFen,
            nearDibaoMultiplier: result.nearDibaoMultiplier,
            monthlyBenefitFen: result.monthlyBenefitFen,
            determinedAt: now.toISOString(),
          },
          { time: now, id: deterministicId('HouseholdCategoryDetermined', assessmentId) },
        ),
      ];
      const phaseOut = recorded.next.phaseOut;
      if (recorded.outcome === 'phase-out-started' && phaseOut) {
        events.push(
          outboxEntry(
            HouseholdPhaseOutStartedV1,
            {
              householdId: cur.householdId,
              divisionCode: cur.divisionCode,
              category: phaseOut.category,
              incomePerMemberFen: phaseOut.incomePerMemberFen,
              standardFen: phaseOut.standardFen,
              startedAt: now.toISOString(),
              endsOn: phaseOut.endsOn,
            },
            { time: now, id: deterministicId('HouseholdPhaseOutStarted', cur.householdId, now.toISOString()) },
          ),
        );
        return { next: recorded.next, events, watch: { endsOn: phaseOut.endsOn } };
      }
      return { next: recorded.next, events };
    });
    return { outcome, assessment: assessmentView(next.assessments.at(-1)!), household: await this.view(next) };
  }

  /** The category settings of a division on a day (history per region; the narrowest division wins). */
  async categorySettings(divisionCode: string, day: string): Promise<CategorySettings> {
    const v = (key: SettingKey) => this.settings.valueFor(key, divisionCode, day);
    return {
      standardFen: await v('dibao-standard-fen'),
      nearDibaoMultiplier: await v('near-dibao-multiplier'),
      minimumWageFen: await v('minimum-wage-fen'),
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

  /** Reads, decides and writes by compare-and-set (again if someone wrote in between), then relays the events. */
  private async change(
    householdId: string,
    by: Principal,
    decide: (current: Household, now: Date) => Change | Promise<Change>,
  ): Promise<Household> {
    for (let attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
      const current = await this.households.get(householdId);
      if (!current) throw householdNotFound(householdId);
      assertFoundWithin(by, () => householdNotFound(householdId), current.value.divisionCode);
      const { next: decided, events = [], watch, registerChanges = [] } = await decide(current.value, this.clock.now());
      if (watch) await this.households.watchPhaseOut(householdId, watch.endsOn);
      // the sweep's pointers go first (a superset of the households with changes recorded)
      if (registerChanges.length)
        await this.households.pointRegisterSync(registerChanges.map((c) => ({ changeId: c.changeId, householdId, at: c.at })));
      const next = withRegisterChanges(decided, registerChanges);
      if (await this.households.save(current.version, next, events)) {
        if (events.length) this.relay.notifyWritten(HouseholdRepository.COLLECTION, [{ docId: householdId, entries: events }]);
        return next;
      }
    }
    throw DomainError.conflict('ConcurrentUpdate', `household ${householdId} kept changing; try again`);
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
    };
  }

  private expense(e: ExpenseInput): HouseholdExpense {
    return { expenseId: `exp-${randomUUID().slice(0, 8)}`, personId: e.personId ?? null, kind: e.kind, monthlyFen: e.monthlyFen };
  }

  private async view(h: Household) {
    return householdView(h, await this.people.getMany(h.members.map((m) => m.personId)), shanghaiDate(this.clock.now()));
  }
}

function registerChange(
  action: RegisterChange['action'],
  category: RegisterChange['category'],
  day: string,
  personId: string,
  at: Date,
): RegisterChange {
  return { changeId: `rc-${randomUUID()}`, action, category, day, personIds: [personId], at };
}
