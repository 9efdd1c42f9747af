import type { OutboxEntry } from '@civil/messaging';
import type { Collection, Document } from 'mongodb';
import { pushToOutbox } from './mongo-outbox.store';
import { isDuplicateKeyError } from './write-errors';

/** A state as read, with the version a compare-and-set write must still find. */
export interface Versioned<T> {
  value: T;
  version: number;
}

/** Fields the store keeps beside the state and never hands back. */
const STORE_FIELDS = ['version', 'outbox', 'outboxLease'] as const;
const HIDDEN = { outbox: 0, outboxLease: 0 } as const;

/**
 * One aggregate per document, keyed by `_id` (the aggregate's own id field), written only by
 * compare-and-set on `{_id, version}` and carrying the events a change causes in the same
 * single-document update (the outbox the relay publishes from). Every read and write is by key, so
 * it stays an index lookup on MongoDB-wire servers that use an index only on an exact key match.
 */
export class VersionedDocuments<T extends object, K extends keyof T & string> {
  constructor(
    private readonly collection: Collection<Document>,
    private readonly idField: K,
  ) {}

  /** The compare-and-set filter as its own (trivially unique) index; call from onModuleInit. */
  async ensureIndexes(): Promise<void> {
    await this.collection.createIndex({ _id: 1, version: 1 }, { unique: true });
  }

  async get(id: string): Promise<Versioned<T> | undefined> {
    const doc = await this.collection.findOne({ _id: id as never }, { projection: HIDDEN });
    return doc ? { value: this.toValue(doc), version: doc.version as number } : undefined;
  }

  /** The states of several aggregates, by key, in chunks. */
  async getMany(ids: readonly string[], chunk = 1_000): Promise<Map<string, T>> {
    const found = new Map<string, T>();
    for (let i = 0; i < ids.length; i += chunk) {
      const docs = await this.collection.find({ _id: { $in: ids.slice(i, i + chunk) as never[] } }, { projection: HIDDEN }).toArray();
      docs.forEach((d) => found.set(String(d._id), this.toValue(d)));
    }
    return found;
  }

  /** Creates the aggregate with its first events; false if one with this id exists. */
  async insert(value: T, events: readonly OutboxEntry[]): Promise<boolean> {
    try {
      await this.collection.insertOne({ ...this.toDoc(value), version: 1, outbox: [...events] } as Document);
      return true;
    } catch (e) {
      if (isDuplicateKeyError(e)) return false;
      throw e;
    }
  }

  /**
   * Writes the next state and its events if nobody wrote since `version` was read; false if
   * someone did (read again and decide again). `push` appends to other arrays in the same write.
   */
  async save(version: number, next: T, events: readonly OutboxEntry[], push: Record<string, unknown> = {}): Promise<boolean> {
    const { _id, ...fields } = this.toDoc(next);
    const $push = { ...push, ...(events.length ? pushToOutbox(events).$push : {}) };
    const update: Document = { $set: { ...fields, version: version + 1 } };
    if (Object.keys($push).length) update.$push = $push;
    const r = await this.collection.updateOne({ _id, version } as never, update);
    return r.matchedCount === 1;
  }

  private toDoc(value: T): Document {
    const { [this.idField]: id, ...rest } = value as Record<string, unknown>;
    return { _id: id, ...rest };
  }

  private toValue(doc: Document): T {
    const { _id, ...rest } = doc;
    for (const f of STORE_FIELDS) delete rest[f];
    return { [this.idField]: _id, ...rest } as T;
  }
}
