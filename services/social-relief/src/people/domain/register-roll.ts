import { hashBucket } from './hash-bucket';
import type { RegisterMembership } from './person';

/**
 * The register roll (名册): every person's relief-register memberships, kept in ROLL_BUCKETS
 * buckets by a hash of the person id. It is the same count and hash as a benefit round's
 * entitlement buckets, so a round reads bucket b of the roll and writes bucket b of its
 * entitlements, without scanning the people themselves.
 */
export const ROLL_BUCKETS = 2048;

export function rollBucketOf(personId: string): number {
  return hashBucket(personId, ROLL_BUCKETS);
}

/** A person on the roll: what a benefit round needs to decide eligibility, and no personal data. */
export interface RollMember {
  personId: string;
  /** The person's division (county, township or village code), to keep a round inside its area. */
  divisionCode: string;
  memberships: RegisterMembership[];
}
