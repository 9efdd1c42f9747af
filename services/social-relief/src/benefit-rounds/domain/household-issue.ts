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
 * of its members is recorded. A person on a register by no household (特困, by the county's
 * decision) is a household of one, issued to as a person.
 */
export function oneCandidatePerHousehold<C extends IssueCandidate>(
  round: Pick<BenefitRound, 'registers' | 'snapshotDate'>,
  persons: readonly C[],
  members: readonly RollMember[],
): C[] {
  const byPerson = new Map(members.map((m) => [m.personId, m]));
  const byHousehold = new Map<string, C>();
  const rank = (r: ReliefRegister | null) => (r ? REGISTER_PRIORITY.indexOf(r) : REGISTER_PRIORITY.length);
  for (const p of persons) {
    const householdId = householdOf(byPerson.get(p.ref)?.memberships ?? [], round.registers, round.snapshotDate);
    const ref = householdId ?? p.ref;
    const seen = byHousehold.get(ref);
    if (!seen || rank(p.register) < rank(seen.register))
      byHousehold.set(ref, { ...p, ref, type: householdId ? 'household' : 'person', divisionCode: seen?.divisionCode ?? p.divisionCode });
  }
  return [...byHousehold.values()];
}
