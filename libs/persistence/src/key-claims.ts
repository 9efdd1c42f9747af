import type { Collection, Document } from 'mongodb';
import { ConcurrentChangeError } from './aggregate-store';
import { retryWhileRacing } from './races';
import { isDuplicateKeyError } from './write-errors';

/** Who holds a key, with what they stored beside it. */
export interface ClaimHolder<D> {
  holder: string;
  data: D;
}

/**
 * What a claim came to: `held` the caller holds the key (it was free, or the caller held it
 * already); `taken` it took the key over from a stale holder; `refused` someone else holds it and
 * is not stale.
 */
export type ClaimOutcome<D> =
  { outcome: 'held' } | { outcome: 'taken'; from: ClaimHolder<D> } | { outcome: 'refused'; holder: ClaimHolder<D> };

/**
 * Whether the holder found on a key may be replaced (it no longer holds what the key stands for:
 * a crash between claim and commit, a resident long gone). An error it throws (a refusal the
 * domain names) reaches the caller of `claim` as it is.
 */
export type StaleCheck<D> = (holder: ClaimHolder<D>) => boolean | Promise<boolean>;

export interface KeyClaimsOptions {
  collection: Collection<Document>;
  /** The document field naming the holder (default `holder`); the key is the `_id`. */
  holderField?: string;
  /** Rounds of a claim racing other claimants before it gives up (default 5). */
  attempts?: number;
  /** What a key is called in errors ("claim"). */
  noun?: string;
}

export interface ClaimOptions {
  /** What the caller is told when claimants kept racing; default a ConcurrentChangeError (409). */
  conflict?: () => Error;
}

/**
 * One holder per key over one collection: the unique `_id` makes "one holder" a fact the
 * database enforces. A claim inserts; when the key is taken it reads the holder, and takes a
 * stale holder's place by compare-and-swap on {key, that holder}, so of claimants racing for one
 * stale key exactly one wins. Lost races are retried a bounded number of times.
 */
export class KeyClaims<D extends Document> {
  readonly name: string;
  private readonly collection: Collection<Document>;
  private readonly holderField: string;
  private readonly attempts: number;
  private readonly noun: string;

  constructor(options: KeyClaimsOptions) {
    this.collection = options.collection;
    this.name = options.collection.collectionName;
    this.holderField = options.holderField ?? 'holder';
    this.attempts = options.attempts ?? 5;
    this.noun = options.noun ?? 'claim';
  }

  /** The key of the take-over and release filters {_id, holder} as its own index; call from onModuleInit. */
  async ensureIndexes(): Promise<void> {
    await this.collection.createIndex({ _id: 1, [this.holderField]: 1 }, { unique: true });
  }

  /**
   * Claims `key` for `holder`, storing `data` beside it (also on a take-over). Without `isStale`
   * a key held by someone else is refused.
   */
  async claim(key: string, holder: string, data: D, isStale?: StaleCheck<D>, options: ClaimOptions = {}): Promise<ClaimOutcome<D>> {
    const fields = { ...data, [this.holderField]: holder };
    return retryWhileRacing<ClaimOutcome<D>>(
      async () => {
        try {
          await this.collection.insertOne({ ...fields, _id: key as never });
          return { value: { outcome: 'held' } };
        } catch (e) {
          if (!isDuplicateKeyError(e)) throw e;
        }
        const current = await this.holderOf(key);
        if (!current) return undefined; // released meanwhile: insert again
        if (current.holder === holder) return { value: { outcome: 'held' } };
        if (!isStale || !(await isStale(current))) return { value: { outcome: 'refused', holder: current } };
        const r = await this.collection.updateOne({ _id: key as never, [this.holderField]: current.holder }, { $set: fields });
        // no match: another claimant took it over (or it was released) first
        return r.matchedCount === 1 ? { value: { outcome: 'taken', from: current } } : undefined;
      },
      {
        attempts: this.attempts,
        conflict:
          options.conflict ??
          (() => new ConcurrentChangeError(`${this.noun} ${key} kept changing hands while being claimed; try again`, { key })),
      },
    );
  }

  /** Gives the key back, only if `holder` holds it; true if it did. */
  async release(key: string, holder: string): Promise<boolean> {
    const r = await this.collection.deleteOne({ _id: key as never, [this.holderField]: holder });
    return r.deletedCount === 1;
  }

  async holderOf(key: string): Promise<ClaimHolder<D> | undefined> {
    const doc = await this.collection.findOne({ _id: key as never });
    return doc ? this.toHolder(doc) : undefined;
  }

  /** The holders of those of `keys` that are held, by key, read in chunks. */
  async holdersOf(keys: readonly string[], chunk = 1_000): Promise<Map<string, ClaimHolder<D>>> {
    const found = new Map<string, ClaimHolder<D>>();
    for (let i = 0; i < keys.length; i += chunk) {
      const docs = await this.collection.find({ _id: { $in: keys.slice(i, i + chunk) as never[] } }).toArray();
      for (const d of docs) found.set(String(d._id), this.toHolder(d));
    }
    return found;
  }

  private toHolder(doc: Document): ClaimHolder<D> {
    const { _id, [this.holderField]: holder, ...data } = doc;
    return { holder: String(holder), data: data as D };
  }
}
