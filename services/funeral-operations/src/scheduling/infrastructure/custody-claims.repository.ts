import { Injectable, OnModuleInit } from '@nestjs/common';
import { collectionOf, ConcurrentChangeError, InjectDatabase, KeyClaims } from '@civil/persistence';
import type { Document } from 'mongodb';
import type { Connection } from 'mongoose';

/** What a claim document holds beside its key (`_id`) and holder (`caseId`). */
interface ClaimData extends Document {
  homeId: string;
  at: Date;
}

/** Rounds of a claim racing other claimants before it gives up. */
const CLAIM_ATTEMPTS = 3;

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
  private readonly claims: KeyClaims<ClaimData>;

  constructor(@InjectDatabase() connection: Connection) {
    this.claims = new KeyClaims<ClaimData>({
      collection: collectionOf(connection, CustodyClaimsRepository.COLLECTION),
      holderField: 'caseId',
      attempts: CLAIM_ATTEMPTS,
      noun: 'custody claim',
    });
  }

  async onModuleInit(): Promise<void> {
    // the key of the take-over and release filters {_id, caseId}: found by index, not by scan
    await this.claims.ensureIndexes();
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
    try {
      const r = await this.claims.claim(key, caseId, { homeId, at }, isStale && ((h) => isStale({ caseId: h.holder, at: h.data.at })));
      return r.outcome !== 'refused';
    } catch (e) {
      // claimants kept racing: whether this case came out holding it
      if (e instanceof ConcurrentChangeError) return (await this.holder(key)) === caseId;
      throw e;
    }
  }

  /** The claims among some keys, with their holder and when they were taken (by key). */
  async claimsOf(keys: readonly string[]): Promise<{ key: string; caseId: string; at: Date }[]> {
    return [...(await this.claims.holdersOf(keys))].map(([key, h]) => ({ key, caseId: h.holder, at: h.data.at }));
  }

  async holder(key: string): Promise<string | null> {
    return (await this.claims.holderOf(key))?.holder ?? null;
  }

  /** Gives the claim back, only if this case holds it. */
  async release(key: string, caseId: string): Promise<void> {
    await this.claims.release(key, caseId);
  }

  /** The holders of some claims (case id by claim), by key. */
  async holders(keys: readonly string[]): Promise<Map<string, string>> {
    return new Map([...(await this.claims.holdersOf(keys))].map(([key, h]) => [key, h.holder]));
  }
}
