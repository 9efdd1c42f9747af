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
    await this.collection.createIndex({ _id: 1, caseId: 1 }, { unique: true });
  }

  /** Takes the claim for the case; true if it now holds it (also when it already did). */
  async claim(key: string, caseId: string, homeId: string, at: Date): Promise<boolean> {
    try {
      await this.collection.insertOne({ _id: key, caseId, homeId, at });
      return true;
    } catch (e) {
      if (!isDuplicateKeyError(e)) throw e;
      return (await this.collection.findOne({ _id: key }))?.caseId === caseId;
    }
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
