import { Injectable } from '@nestjs/common';
import { Clock, DomainError, shanghaiDate } from '@civil/kernel';
import { ConcurrentChangeError } from '@civil/persistence';
import { assertFoundWithin, InjectClock, Principal } from '@civil/platform';
import { randomUUID } from 'node:crypto';
import { PersonRegistry } from '../../people/application/person-registry';
import { Household, RegisterChange, withRegisterChanges } from '../domain/household';
import { HouseholdRepository } from '../infrastructure/household.repository';
import { HouseholdChange } from './household-events';
import { householdView } from './household-view';

/** Unknown, or outside the caller's reach: the same answer. */
export const householdNotFound = (householdId: string) =>
  DomainError.notFound('HouseholdNotFound', `no household ${householdId}`, { householdId });

/**
 * A decision about a household: its next state, the changes others hear of, and what goes
 * outside its document first (the phase-out watch entry, the sweep's pointers to register changes).
 */
export type HouseholdDecision = {
  next: Household;
  changes?: HouseholdChange[];
  watch?: { endsOn: string };
  registerChanges?: RegisterChange[];
};

/**
 * What the household use cases share: a household read within the caller's reach, changed with its
 * state change and its events in one compare-and-set write, and shown with its members' people. A
 * member change that moves the register records the register change (`registerSyncPending`) in that
 * same write; it is made after (HouseholdRegisters.settlePending) and the phase-out sweep retries
 * what a crash left.
 */
@Injectable()
export class HouseholdChanges {
  constructor(
    private readonly households: HouseholdRepository,
    private readonly people: PersonRegistry,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async mustGet(householdId: string, by: Principal): Promise<Household> {
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
  async change(
    householdId: string,
    by: Principal,
    decide: (current: Household, now: Date) => HouseholdDecision,
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

  async view(h: Household) {
    return householdView(h, await this.people.getMany(h.members.map((m) => m.personId)), shanghaiDate(this.clock.now()));
  }
}

/** The id of a register change, chosen before the decision (the sweep's pointer carries it). */
export function registerChangeId(): string {
  return `rc-${randomUUID()}`;
}

export function registerChange(
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
export function changedMeanwhile(householdId: string): ConcurrentChangeError {
  return new ConcurrentChangeError(`household ${householdId} kept changing while being written; try again`, { id: householdId });
}
