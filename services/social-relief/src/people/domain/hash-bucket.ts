import { createHash } from 'node:crypto';

/**
 * The bucket a reference falls in, out of `buckets`: the first 32 bits of its SHA-256, modulo.
 * Benefit rounds keep entitlements by the same function, so bucket b of the register roll and
 * bucket b of a round's entitlements hold the same people.
 */
export function hashBucket(ref: string, buckets: number): number {
  return parseInt(createHash('sha256').update(ref).digest('hex').slice(0, 8), 16) % buckets;
}
