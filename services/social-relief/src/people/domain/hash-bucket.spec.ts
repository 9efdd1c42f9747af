import { bucketOf } from '../../benefit-rounds/domain/round';
import { hashBucket } from './hash-bucket';
import { ROLL_BUCKETS, rollBucketOf } from './register-roll';

describe('hash buckets', () => {
  it('are the first 32 bits of the SHA-256 of the reference, modulo the bucket count', () => {
    // pinned: moving anyone to another bucket would hide them from the roll written before
    expect(hashBucket('p-00000000-0000-4000-8000-000000000000', 2048)).toBe(1614);
    expect(hashBucket('p-1', 2048)).toBe(1598);
    expect(hashBucket('p-1', 7)).toBe(6);
    expect(hashBucket('hh-42', 2048)).toBe(1118);
    expect(hashBucket('', 2048)).toBe(1090);
  });

  it('put a person in the same bucket of the roll as their entitlements of a round', () => {
    for (let i = 0; i < 500; i++) {
      const ref = `p-${i}-${i * 7919}`;
      expect(hashBucket(ref, 2048)).toBe(bucketOf(ref, 2048));
      expect(hashBucket(ref, 97)).toBe(bucketOf(ref, 97));
      expect(rollBucketOf(ref)).toBe(bucketOf(ref, ROLL_BUCKETS));
    }
  });
});
