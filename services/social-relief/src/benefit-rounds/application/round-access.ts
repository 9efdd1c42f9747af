import { RELIEF_REGISTER_LABELS, ReliefRegister, ROUND_KIND_LABELS } from '@civil/contracts';
import { covers, DomainError } from '@civil/kernel';
import type { Principal } from '@civil/platform';
import { BenefitRound, Entitlement, ROUND_STATUS_LABELS, UNIT_OF_ISSUE_LABELS, unitOfIssueOf } from '../domain/round';

/** Unknown, or out of the caller's sight: the same answer. */
export const roundNotFound = (roundId: string) => DomainError.notFound('RoundNotFound', `no round ${roundId}`, { roundId });

/** Officers inside a round's area see it, as do those above it. */
export const seesRound = (principal: Principal, round: BenefitRound) =>
  covers(principal.jurisdiction, round.divisionCode) || covers(round.divisionCode, principal.jurisdiction);

/** Buckets read together, from the roll and of the round's own entitlements. */
export const BUCKET_READ_CHUNK = 32;

/** An entitlement as shown, with its round, register label and redemption. */
export function entitlementView(roundId: string, e: Entitlement, redeemed?: { at: string; by: string }) {
  return { ...e, roundId, registerLabel: e.register ? RELIEF_REGISTER_LABELS[e.register] : null, redeemedAt: redeemed?.at ?? null };
}

/** A round as shown, with its labels and its tally by register. */
export function roundView(r: BenefitRound) {
  const { byRegister, ...sums } = r.totals;
  return {
    ...r,
    kindLabel: ROUND_KIND_LABELS[r.kind],
    statusLabel: ROUND_STATUS_LABELS[r.status],
    registerLabels: r.registers.map((x) => RELIEF_REGISTER_LABELS[x]),
    unitOfIssue: unitOfIssueOf(r),
    unitOfIssueLabel: UNIT_OF_ISSUE_LABELS[unitOfIssueOf(r)],
    totals: {
      ...sums,
      byRegister: Object.entries(byRegister).map(([register, count]) => ({
        register,
        label: RELIEF_REGISTER_LABELS[register as ReliefRegister],
        count,
      })),
    },
  };
}
