import { Injectable } from '@nestjs/common';
import { collectionOf, InjectDatabase, isDuplicateKeyError } from '@civil/persistence';
import type { Collection, Document } from 'mongodb';
import type { Connection } from 'mongoose';
import { bedSubsidyPaymentId } from '../domain/bed-subsidy';

/**
 * `bed_subsidy_payments`: one document per policy and institution, `{ _id: '<policy>#<unit>', roundId }`,
 * naming the round that pays it. The bed subsidy is 一次性 (seed 000): the first round to claim a unit
 * under a policy pays it, and every other round — of the same policy, run before, after or side by
 * side — finds the claim and pays nothing. The claim is written before the entitlement, so a round that
 * crashed in between finds its own claim when run again and issues the entitlement then.
 */
@Injectable()
export class BedSubsidyPaymentRepository {
  static readonly COLLECTION = 'bed_subsidy_payments';
  private readonly collection: Collection<Document>;

  constructor(@InjectDatabase() connection: Connection) {
    this.collection = collectionOf(connection, BedSubsidyPaymentRepository.COLLECTION);
  }

  /** The units of `unitIds` this round pays under the policy: those it claims now or claimed before. */
  async claim(policyId: string, roundId: string, unitIds: readonly string[], at: Date): Promise<Set<string>> {
    const ids = unitIds.map((u) => bedSubsidyPaymentId(policyId, u));
    const found = new Map<string, string>();
    if (ids.length)
      for (const d of await this.collection.find({ _id: { $in: ids as never[] } }, { projection: { roundId: 1 } }).toArray())
        found.set(String(d._id), String(d.roundId));
    const paid = new Set<string>();
    for (const unitId of unitIds) {
      const _id = bedSubsidyPaymentId(policyId, unitId);
      let holder = found.get(_id);
      if (holder === undefined) {
        try {
          await this.collection.insertOne({ _id: _id as never, policyId, unitId, roundId, claimedAt: at });
          holder = roundId;
        } catch (e) {
          if (!isDuplicateKeyError(e)) throw e;
          holder = String((await this.collection.findOne({ _id: _id as never }, { projection: { roundId: 1 } }))?.roundId);
        }
      }
      if (holder === roundId) paid.add(unitId);
    }
    return paid;
  }
}
