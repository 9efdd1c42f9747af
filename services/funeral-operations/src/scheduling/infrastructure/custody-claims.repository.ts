import { Injectable, OnModuleInit } from '@nestjs/common';
import { collectionOf, InjectDatabase, isDuplicateKeyError } from '@civil/persistence';
import type { Collection } from 'mongodb';
import type { Connection } from 'mongoose';

interface ClaimDoc {
  _id: string;
  caseId: string;
  homeId: string;
  at: Date;
}

/** What a case holds while it holds it: a cold-storage slot, or a vehicle on its run. */
export const slotClaim = (homeId: string, slot: number) => `slot:${homeId}:${slot}`;
export const vehicleClaim = (homeId: string, vehicleId: string) => `vehicle:${homeId}:${vehicleId}`;

/**
 * `custody_claims`: one document per slot or vehicle in use, keyed by what is held. A unique key
 * makes "one case per slot" and "one run per vehicle" facts the database enforces; every read and
 * write is by key.
 */
@Injectable()
export class CustodyClaimsRepository implements OnModuleInit {
  static readonly COLLECTION = 'custody_claims';
  private readonly collection: Collection<ClaimDoc>;

  constructor(@InjectDatabase() connection: Connection) {
    this.collection = collectionOf<ClaimDoc>(connection, CustodyClaimsRepository.COLLECTION);
  }

  async onModuleInit(): Promise<void> {
    // the key of the take-over and release filters {_id, caseId}: found by index, not by scan
    await this.collection.createIndex({ _id: 1, caseId: 1 }, { unique: true });
  }

  /**
   * Takes the claim for the case; true if it now holds it (also when it already did). A claim
   * held by a case that no longer holds the slot or vehicle (`isStale`: a crash between claim and
   * commit, or commit and release) is taken over by compare-and-swap on {key, stale holder}.
   */
  async claim(
    key: string,
    caseId: string,
    homeId: string,
    at: Date,
    isStale?: (holder: { caseId: string; at: Date }) => Promise<boolean>,
  ): Promise<boolean> {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        await this.collection.insertOne({ _id: key, caseId, homeId, at });
        return true;
      } catch (e) {
        if (!isDuplicateKeyError(e)) throw e;
      }
      const holder = await this.collection.findOne({ _id: key });
      if (!holder) continue; // released meanwhile
      if (holder.caseId === caseId) return true;
      if (!isStale || !(await isStale({ caseId: holder.caseId, at: holder.at }))) return false;
      const taken = await this.collection.updateOne({ _id: key, caseId: holder.caseId }, { $set: { caseId, homeId, at } });
      if (taken.modifiedCount === 1) return true;
    }
    return (await this.holder(key)) === caseId;
  }

  /** The claims among some keys, with their holder and when they were taken (by key). */
  async claimsOf(keys: readonly string[]): Promise<{ key: string; caseId: string; at: Date }[]> {
    const out: { key: string; caseId: string; at: Date }[] = [];
    for (let i = 0; i < keys.length; i += 1_000) {
      const docs = await this.collection.find({ _id: { $in: keys.slice(i, i + 1_000) as string[] } }).toArray();
      docs.forEach((d) => out.push({ key: d._id, caseId: d.caseId, at: d.at }));
    }
    return out;
  }

  async holder(key: string): Promise<string | null> {
    return (await this.collection.findOne({ _id: key }))?.caseId ?? null;
  }

  /** Gives the claim back, only if this case holds it. */
  async release(key: string, caseId: string): Promise<void> {
    await this.collection.deleteOne({ _id: key, caseId });
  }

  /** The holders of some claims (case id by claim), by key. */
  async holders(keys: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (let i = 0; i < keys.length; i += 1_000) {
      const docs = await this.collection.find({ _id: { $in: keys.slice(i, i + 1_000) as string[] } }).toArray();
      docs.forEach((d) => out.set(d._id, d.caseId));
    }
    return out;
  }
}
