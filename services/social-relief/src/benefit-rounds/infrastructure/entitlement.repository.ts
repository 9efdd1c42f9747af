import { Injectable, OnModuleInit } from '@nestjs/common';
import { OutboxRelay } from '@civil/messaging';
import { AggregateStore, collectionOf, InjectDatabase, isDuplicateKeyError } from '@civil/persistence';
import type { Collection, Document } from 'mongodb';
import type { Connection } from 'mongoose';
import { EntitlementChange, entitlementEvents } from '../application/entitlement-events';
import { bucketDocId, emptyTotals, Entitlement, RoundTotals } from '../domain/round';

/** Who redeemed an entitlement, and when. */
export interface Redemption {
  at: string;
  by: string;
}

/** A bucket of a round's entitlements as stored. */
export interface StoredBucket {
  docId: string;
  version: number;
  items: Entitlement[];
  totals: RoundTotals;
  redeemed: Record<string, Redemption>;
}

/**
 * The part of a bucket its redemptions are (`redeemed`), written by `redemptions`; the same
 * version guards it and the items the issuance writes add.
 */
export interface BucketRedemptions {
  docId: string;
  redeemed: Record<string, Redemption>;
}

/**
 * `entitlements`: a round's entitlements in buckets (`_id` = `<roundId>#<bucket>`), one document
 * per bucket: one write per ~500 entitlements instead of one per person. Their EntitlementIssued
 * events are not copied into the document (EntitlementIssuanceStore rebuilds them from the items);
 * the bucket's `outbox` holds only EntitlementRedeemed, written with the redemption through
 * `redemptions` (an aggregate store of the bucket's `redeemed` field). Every access is by `_id` or
 * by the `{_id, version}` compare-and-set key.
 */
@Injectable()
export class EntitlementRepository implements OnModuleInit {
  static readonly COLLECTION = 'entitlements';
  private readonly collection: Collection<Document>;
  /** Every redemption, with its EntitlementRedeemed (the bucket's items are the issuance's to write). */
  readonly redemptions: AggregateStore<BucketRedemptions, 'docId', EntitlementChange>;

  constructor(@InjectDatabase() connection: Connection, relay: OutboxRelay) {
    this.collection = collectionOf(connection, EntitlementRepository.COLLECTION);
    this.redemptions = new AggregateStore({
      collection: this.collection,
      idField: 'docId',
      relay,
      events: entitlementEvents,
      noun: 'entitlement bucket',
      only: ['redeemed'],
    });
  }

  async onModuleInit(): Promise<void> {
    await this.redemptions.ensureIndexes();
  }

  /** The buckets that exist among these, by key. */
  async buckets(roundId: string, bucketNumbers: readonly number[], chunk = 32): Promise<Map<number, StoredBucket>> {
    const found = new Map<number, StoredBucket>();
    for (let i = 0; i < bucketNumbers.length; i += chunk) {
      const ids = bucketNumbers.slice(i, i + chunk).map((b) => bucketDocId(roundId, b));
      const docs = await this.collection
        .find({ _id: { $in: ids as never[] } }, { projection: { outbox: 0, outboxLease: 0, writes: 0 } })
        .toArray();
      for (const d of docs) found.set(d.bucket as number, this.toBucket(d));
    }
    return found;
  }

  async bucket(roundId: string, bucket: number): Promise<StoredBucket | undefined> {
    const d = await this.collection.findOne(
      { _id: bucketDocId(roundId, bucket) as never },
      { projection: { outbox: 0, outboxLease: 0, writes: 0 } },
    );
    return d ? this.toBucket(d) : undefined;
  }

  /** Creates a bucket with its entitlements; false if it exists already. */
  async insertBucket(roundId: string, bucket: number, items: readonly Entitlement[], totals: RoundTotals): Promise<boolean> {
    try {
      await this.collection.insertOne({
        _id: bucketDocId(roundId, bucket) as never,
        version: 1,
        roundId,
        bucket,
        items: [...items],
        totals,
        redeemed: {},
        outbox: [],
      });
      return true;
    } catch (e) {
      if (isDuplicateKeyError(e)) return false;
      throw e;
    }
  }

  /** Adds entitlements to a bucket if nobody wrote it since `version`. */
  async addToBucket(docId: string, version: number, items: readonly Entitlement[], totals: RoundTotals): Promise<boolean> {
    const r = await this.collection.updateOne(
      { _id: docId, version } as never,
      { $set: { totals, version: version + 1 }, $push: { items: { $each: [...items] } } } as never,
    );
    return r.matchedCount === 1;
  }

  /**
   * Makes a write decided on an earlier read of this bucket fail its compare-and-set: moves the
   * version on, or creates the bucket empty if it does not exist. False if someone wrote first.
   */
  async fence(roundId: string, bucket: number, stored: Pick<StoredBucket, 'docId' | 'version'> | undefined): Promise<boolean> {
    if (!stored) return this.insertBucket(roundId, bucket, [], emptyTotals());
    const r = await this.collection.updateOne({ _id: stored.docId, version: stored.version } as never, {
      $set: { version: stored.version + 1 },
    });
    return r.matchedCount === 1;
  }

  private toBucket(d: Document): StoredBucket {
    return { docId: String(d._id), version: d.version, items: d.items ?? [], totals: d.totals, redeemed: d.redeemed ?? {} };
  }
}
