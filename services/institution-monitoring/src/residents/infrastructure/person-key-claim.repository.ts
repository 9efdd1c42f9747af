import { Injectable, OnModuleInit } from '@nestjs/common';
import { ClaimOptions, ClaimOutcome, collectionOf, InjectDatabase, KeyClaims } from '@civil/persistence';
import type { Document } from 'mongodb';
import type { Connection } from 'mongoose';

/** Beside the key (`<unitId>:<personKey>`, one holder per person and unit) and its holder (`residentId`). */
interface ClaimData extends Document {
  claimedAt: Date;
}

/** Take-overs of a stale claim tried before an admission gives up (admissions racing for one ID number). */
const CLAIM_ATTEMPTS = 5;

/** The resident holding a person's claim, and when they claimed it. */
export interface PersonKeyHolder {
  residentId: string;
  claimedAt: Date;
}

export type PersonKeyClaimOutcome = ClaimOutcome<ClaimData>;

/**
 * Which resident holds a person (by person key) in a unit (`resident_person_keys`): how the same
 * ID number is kept from being admitted twice to one unit. A claim is never deleted; a new
 * admission takes it over once its holder is no longer resident.
 */
@Injectable()
export class PersonKeyClaimRepository implements OnModuleInit {
  static readonly COLLECTION = 'resident_person_keys';
  private readonly claims: KeyClaims<ClaimData>;

  constructor(@InjectDatabase() connection: Connection) {
    this.claims = new KeyClaims<ClaimData>({
      collection: collectionOf(connection, PersonKeyClaimRepository.COLLECTION),
      holderField: 'residentId',
      attempts: CLAIM_ATTEMPTS,
      noun: 'person claim',
    });
  }

  async onModuleInit(): Promise<void> {
    // the compare-and-set filter of a take-over, as its own unique index (a key lookup)
    await this.claims.ensureIndexes();
  }

  /**
   * Claims the person in the unit for the resident; a claim held by another resident is taken
   * over when `mayTakeOver` says so (it may throw the refusal instead).
   */
  async claim(
    unitId: string,
    personKey: string,
    residentId: string,
    now: Date,
    mayTakeOver: (holder: PersonKeyHolder) => Promise<boolean>,
    options: ClaimOptions = {},
  ): Promise<PersonKeyClaimOutcome> {
    return this.claims.claim(
      `${unitId}:${personKey}`,
      residentId,
      { claimedAt: now },
      (h) => mayTakeOver({ residentId: h.holder, claimedAt: new Date(h.data.claimedAt) }),
      options,
    );
  }
}
