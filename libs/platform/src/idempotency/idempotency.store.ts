import { Injectable, OnModuleInit } from '@nestjs/common';
import { collectionOf, InjectDatabase, isDuplicateKeyError } from '@civil/persistence';
import type { Collection } from 'mongodb';
import type { Connection } from 'mongoose';

/** How long a key is remembered: at least a day, so a client retrying within that gets the first answer. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
/** How long a request in progress holds its key without renewing it (a crashed one frees it after that). */
export const IDEMPOTENCY_LEASE_MS = 30_000;

export interface IdempotencyRecord {
  _id: string;
  sub: string;
  method: string;
  route: string;
  key: string;
  requestHash: string;
  state: 'in-progress' | 'done';
  /** Bumped by every claim and write: the compare-and-set of the record. */
  version: number;
  /** While in progress: when the holder's claim lapses unless renewed. */
  lockedUntil: Date | null;
  status: number | null;
  /** The first answer's body as JSON (null: it had none). */
  body: string | null;
  createdAt: Date;
  expiresAt: Date;
}

export type Begun =
  | { outcome: 'proceed'; version: number }
  | { outcome: 'replay'; status: number; body: string | null }
  | { outcome: 'in-progress' }
  | { outcome: 'reused' };

const ATTEMPTS = 5;

/**
 * The idempotency keys of a service (`idempotency_keys`, in its own database): a request claims
 * its key with one insert, and the record holds the first 2xx answer for replay until `expiresAt`.
 * Every write after the claim is a compare-and-set on `{_id, version}`. Expired records count as
 * absent; `purgeExpired` removes them (the embedded database keeps a TTL index without acting on
 * it; MongoDB removes them by that index as well).
 */
@Injectable()
export class IdempotencyStore implements OnModuleInit {
  static readonly COLLECTION = 'idempotency_keys';
  private readonly collection: Collection<IdempotencyRecord>;

  constructor(@InjectDatabase() connection: Connection) {
    this.collection = collectionOf<IdempotencyRecord>(connection, IdempotencyStore.COLLECTION);
  }

  async onModuleInit(): Promise<void> {
    await this.collection.createIndex({ _id: 1, version: 1 }, { unique: true });
    await this.collection.createIndex({ expiresAt: 1 }, { expireAfterSeconds: 0 });
  }

  /** Claims the key for this request, or says what became of the request that claimed it first. */
  async begin(record: Pick<IdempotencyRecord, '_id' | 'sub' | 'method' | 'route' | 'key' | 'requestHash'>, now: Date): Promise<Begun> {
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const fresh: IdempotencyRecord = {
        ...record,
        state: 'in-progress',
        version: 1,
        lockedUntil: new Date(now.getTime() + IDEMPOTENCY_LEASE_MS),
        status: null,
        body: null,
        createdAt: now,
        expiresAt: new Date(now.getTime() + IDEMPOTENCY_TTL_MS),
      };
      try {
        await this.collection.insertOne(fresh);
        return { outcome: 'proceed', version: 1 };
      } catch (e) {
        if (!isDuplicateKeyError(e)) throw e;
      }
      const found = await this.collection.findOne({ _id: record._id });
      if (!found) continue; // freed meanwhile: claim it
      if (found.expiresAt.getTime() <= now.getTime()) {
        await this.collection.deleteOne({ _id: found._id, version: found.version });
        continue;
      }
      if (found.requestHash !== record.requestHash) return { outcome: 'reused' };
      if (found.state === 'done') return { outcome: 'replay', status: found.status ?? 200, body: found.body };
      if (found.lockedUntil && found.lockedUntil.getTime() > now.getTime()) return { outcome: 'in-progress' };
      // the holder stopped renewing (it crashed): take the claim over
      const version = found.version + 1;
      const taken = await this.collection.updateOne(
        { _id: found._id, version: found.version },
        { $set: { version, lockedUntil: new Date(now.getTime() + IDEMPOTENCY_LEASE_MS) } },
      );
      if (taken.modifiedCount === 1) return { outcome: 'proceed', version };
    }
    return { outcome: 'in-progress' };
  }

  /** Keeps the claim of a request still running; false if it was lost. */
  async renew(id: string, version: number, now: Date): Promise<boolean> {
    const r = await this.collection.updateOne(
      { _id: id, version },
      { $set: { lockedUntil: new Date(now.getTime() + IDEMPOTENCY_LEASE_MS) } },
    );
    return r.matchedCount === 1;
  }

  /** Keeps the first answer for replay. */
  async complete(id: string, version: number, status: number, body: string | null): Promise<boolean> {
    const r = await this.collection.updateOne(
      { _id: id, version },
      { $set: { state: 'done', version: version + 1, lockedUntil: null, status, body } },
    );
    return r.matchedCount === 1;
  }

  /** Frees the key after an answer that is not kept (4xx, 5xx): the same key may be sent again. */
  async release(id: string, version: number): Promise<void> {
    await this.collection.deleteOne({ _id: id, version });
  }

  /** Removes records past `expiresAt`; the number removed. */
  async purgeExpired(now: Date): Promise<number> {
    return (await this.collection.deleteMany({ expiresAt: { $lt: now } })).deletedCount;
  }
}
