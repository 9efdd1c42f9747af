import { Injectable, OnModuleInit } from '@nestjs/common';
import { collectionOf, InjectDatabase, isDuplicateKeyError } from '@civil/persistence';
import type { Collection } from 'mongodb';
import type { Connection } from 'mongoose';

interface ClaimDoc {
  /** `<unitId>:<personKey>`: one holder per person and unit, a unique-key fact. */
  _id: string;
  residentId: string;
  claimedAt: Date;
}

export type ClaimOutcome = { claimed: true } | { claimed: false; holder: { residentId: string; claimedAt: Date } };

/**
 * Which resident holds a person (by person key) in a unit (`resident_person_keys`): how the same
 * ID number is kept from being admitted twice to one unit. A claim is never deleted; a new
 * admission takes it over once its holder is no longer resident.
 */
@Injectable()
export class PersonKeyClaimRepository implements OnModuleInit {
  static readonly COLLECTION = 'resident_person_keys';
  private readonly collection: Collection<ClaimDoc>;

  constructor(@InjectDatabase() connection: Connection) {
    this.collection = collectionOf<ClaimDoc>(connection, PersonKeyClaimRepository.COLLECTION);
  }

  async onModuleInit(): Promise<void> {
    // the compare-and-set filter of takeOver(), as its own unique index (a key lookup)
    await this.collection.createIndex({ _id: 1, residentId: 1 }, { unique: true });
  }

  async claim(unitId: string, personKey: string, residentId: string, now: Date): Promise<ClaimOutcome> {
    const _id = `${unitId}:${personKey}`;
    try {
      await this.collection.insertOne({ _id, residentId, claimedAt: now });
      return { claimed: true };
    } catch (e) {
      if (!isDuplicateKeyError(e)) throw e;
    }
    const holder = await this.collection.findOne({ _id });
    if (!holder) return this.claim(unitId, personKey, residentId, now);
    return { claimed: false, holder: { residentId: holder.residentId, claimedAt: holder.claimedAt } };
  }

  /** Takes a claim over from a holder that is no longer resident; false if someone else did first. */
  async takeOver(unitId: string, personKey: string, from: string, to: string, now: Date): Promise<boolean> {
    const r = await this.collection.updateOne(
      { _id: `${unitId}:${personKey}`, residentId: from },
      { $set: { residentId: to, claimedAt: now } },
    );
    return r.modifiedCount === 1;
  }
}
