import type { ReliefRegister } from '@civil/contracts';
import type { RollMember } from '../../people/domain/register-roll';
import { BenefitRound, householdOf, REGISTER_PRIORITY } from './round';

/** Who a round would issue to, before it is written as an entitlement. */
export interface IssueCandidate {
  ref: string;
  type: 'person' | 'household' | 'unit';
  register: ReliefRegister | null;
  quantity: number;
  divisionCode: string;
}

/**
 * One candidate per household (seed 000: 为全县低收入家庭发放爱心防护包): the people found eligible,
 * grouped by the household that put them on one of the round's registers; the most severe register
 * of its members is recorded (the first found of it), and the division of the first member found.
 * A person on a register by no household (特困, by the county's decision) is a household of one,
 * issued to as a person.
 *
 * Gathered a chunk of the register roll at a time (`add` with the eligible people of the chunk and
 * their roll entries): it keeps one candidate per household, never the people or their entries.
 */
export class HouseholdCandidates<C extends IssueCandidate> {
  private readonly byHousehold = new Map<string, C>();

  constructor(private readonly round: Pick<BenefitRound, 'registers' | 'snapshotDate'>) {}

  /** Adds eligible people; `members` holds the roll entries of at least these people. */
  add(persons: readonly C[], members: readonly RollMember[]): void {
    const byPerson = new Map(members.map((m) => [m.personId, m]));
    for (const p of persons) {
      const householdId = householdOf(byPerson.get(p.ref)?.memberships ?? [], this.round.registers, this.round.snapshotDate);
      const ref = householdId ?? p.ref;
      const seen = this.byHousehold.get(ref);
      if (!seen || rank(p.register) < rank(seen.register))
        this.byHousehold.set(ref, {
          ...p,
          ref,
          type: householdId ? 'household' : 'person',
          divisionCode: seen?.divisionCode ?? p.divisionCode,
        });
    }
  }

  get size(): number {
    return this.byHousehold.size;
  }

  all(): C[] {
    return [...this.byHousehold.values()];
  }
}

const rank = (r: ReliefRegister | null) => (r ? REGISTER_PRIORITY.indexOf(r) : REGISTER_PRIORITY.length);

/** One candidate per household of these people (see HouseholdCandidates). */
export function oneCandidatePerHousehold<C extends IssueCandidate>(
  round: Pick<BenefitRound, 'registers' | 'snapshotDate'>,
  persons: readonly C[],
  members: readonly RollMember[],
): C[] {
  const households = new HouseholdCandidates<C>(round);
  households.add(persons, members);
  return households.all();
}
