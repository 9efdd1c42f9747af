import { randomUUID } from 'node:crypto';
import { DomainError } from '@civil/kernel';
import { classifyFailure, type OutboxEntry, type OutboxRelay, type PendingDocument } from '@civil/messaging';
import type { AnyBulkWriteOperation, Collection, Document } from 'mongodb';
import { LEASE_FIELD, MongoOutboxStore, OUTBOX_FIELD } from './mongo-outbox.store';
import { isDuplicateKeyError } from './write-errors';

/** A state as read, with the version a compare-and-set write must still find. */
export interface Versioned<T> {
  value: T;
  version: number;
}

/** What a decision about one aggregate comes to: its next state and the domain changes that led there. */
export interface Decision<T, C> {
  next: T;
  changes: readonly C[];
  /** Appended to other arrays of the document in the same write (an audit trail). */
  push?: Record<string, unknown>;
}

/** What a decision about some fields of a shared document comes to: the fields to set (dotted paths) and its changes. */
export interface FieldsDecision<C> {
  fields: Record<string, unknown>;
  changes: readonly C[];
}

/**
 * Maps the domain changes of one decision to the integration events they publish (one mapper per
 * aggregate, given to its store once). `previous` is undefined for a creation.
 */
export type EventMapper<T, C> = (changes: readonly C[], next: T, previous: T | undefined) => OutboxEntry[];

/** For state whose changes publish nothing (a copy of another service's facts). */
export const noEvents = (): OutboxEntry[] => [];

/** The part of the outbox relay a store needs: to be known by it and to tell it what it wrote. */
export type RelayPort = Pick<OutboxRelay, 'ensureStore' | 'notifyWritten' | 'notify'>;

export interface AggregateStoreOptions<T, K extends keyof T & string, C> {
  collection: Collection<Document>;
  /** The state's id field, kept as the document's `_id`. */
  idField: K;
  relay: RelayPort;
  events: EventMapper<T, C>;
  /** What the aggregate is called in errors ("unit", "case"). */
  noun?: string;
  /** Fields of the document that belong to another writer: never written from the state. */
  preserve?: readonly string[];
  /** Fields of the document that are not part of the state (an audit trail): never read back. */
  hidden?: readonly string[];
  /**
   * For a store that owns part of a document another store writes (the same version guards both):
   * the only fields it reads and writes besides the id.
   */
  only?: readonly string[];
  /** Compare-and-set attempts before a change gives up (default 8). */
  attempts?: number;
  /** Tries of a write the database did not answer (default 3, 200 ms apart and doubling). */
  transientAttempts?: number;
  /** False for a store whose changes publish no events (its collection needs no relay); default true. */
  registerWithRelay?: boolean;
}

/** A change that kept losing the race to other writers: 409 over HTTP, retried by a consumer. */
export class ConcurrentChangeError extends DomainError {
  /** A consumer retries it (the other writer will have finished). */
  readonly transient = true;
  constructor(message: string, details: Record<string, unknown>) {
    super('conflict', 'ConcurrentUpdate', message, details);
  }
}

/** The store's own fields beside the state: version, outbox, relay lease, recent write tokens. */
const WRITES_FIELD = 'writes';
const WRITES_KEPT = 32;
const STORE_FIELDS = ['version', OUTBOX_FIELD, LEASE_FIELD, WRITES_FIELD];

/** The result of changing one aggregate. */
export interface Changed<T> {
  state: T;
  version: number;
  /** False when the decision was to leave it as it was (no write). */
  written: boolean;
}

/** The result of changing many in one bulk write. */
export interface ChangedMany<T> {
  /** The states written, by id. */
  written: Map<string, T>;
  /** Ids the decision left as they were (or that do not exist and were not created). */
  unchanged: string[];
  /** The states of those left as they were, by id (those that exist). */
  kept: Map<string, T>;
  /** Events queued by the write. */
  events: number;
}

/**
 * The one way application code writes an aggregate. Each aggregate is one document, keyed by its
 * id, versioned, and written by compare-and-set together with the events its change publishes (the
 * outbox, in the same single-document write). The store decides nothing: the caller's `decide` is
 * a pure function of the current state; the store reads, calls it, maps its changes to events,
 * writes, retries lost races and unanswered writes, and tells the relay.
 *
 * A write the database did not answer (connection lost, timeout) may have landed: the store tells
 * the relay to look at the document (so its events are published if it did), reads it again, and
 * recognises its own earlier attempt by a write token kept in the document, so a retried creation
 * is not refused as a duplicate and a retried change is not applied twice.
 */
export class AggregateStore<T extends object, K extends keyof T & string, C> {
  readonly name: string;
  private readonly collection: Collection<Document>;
  private readonly idField: K;
  private readonly relay: RelayPort;
  private readonly events: EventMapper<T, C>;
  private readonly noun: string;
  private readonly preserve: ReadonlySet<string>;
  private readonly hidden: Document;
  private readonly only?: readonly string[];
  private readonly attempts: number;
  private readonly transientAttempts: number;

  constructor(options: AggregateStoreOptions<T, K, C>) {
    this.collection = options.collection;
    this.name = options.collection.collectionName;
    this.idField = options.idField;
    this.relay = options.relay;
    this.events = options.events;
    this.noun = options.noun ?? this.name;
    this.preserve = new Set(options.preserve ?? []);
    this.only = options.only;
    this.hidden = options.only
      ? Object.fromEntries(['version', ...options.only].map((f) => [f, 1]))
      : Object.fromEntries([OUTBOX_FIELD, LEASE_FIELD, WRITES_FIELD, ...(options.hidden ?? [])].map((f) => [f, 0]));
    this.attempts = options.attempts ?? 8;
    this.transientAttempts = options.transientAttempts ?? 3;
    if (options.registerWithRelay !== false) this.relay.ensureStore(new MongoOutboxStore(this.name, this.collection));
  }

  /** The compare-and-set filter as its own (trivially unique) index; call from onModuleInit. */
  async ensureIndexes(): Promise<void> {
    await this.collection.createIndex({ _id: 1, version: 1 }, { unique: true });
  }

  async get(id: string): Promise<Versioned<T> | undefined> {
    const doc = await this.collection.findOne({ _id: id as never }, { projection: this.hidden });
    return doc ? { value: this.toValue(doc), version: doc.version as number } : undefined;
  }

  /** The states of several aggregates, by id, read in chunks. */
  async getMany(ids: readonly string[], chunk = 1_000): Promise<Map<string, Versioned<T>>> {
    const found = new Map<string, Versioned<T>>();
    for (let i = 0; i < ids.length; i += chunk) {
      const docs = await this.collection.find({ _id: { $in: ids.slice(i, i + chunk) as never[] } }, { projection: this.hidden }).toArray();
      for (const d of docs) found.set(String(d._id), { value: this.toValue(d), version: d.version as number });
    }
    return found;
  }

  /**
   * Creates the aggregate with the events of its first changes; false if one with its id exists
   * (and was not this call's own earlier, unanswered attempt).
   */
  async create(value: T, changes: readonly C[], push: Record<string, unknown> = {}): Promise<boolean> {
    const id = this.idOf(value);
    const events = this.events(changes, value, undefined);
    const token = randomUUID();
    const doc: Document = { ...this.toDoc(value), version: 1, [OUTBOX_FIELD]: events, [WRITES_FIELD]: [token] };
    for (const [field, items] of Object.entries(push)) doc[field] = Array.isArray(items) ? items : [items];
    for (let attempt = 1; ; attempt++) {
      try {
        await this.collection.insertOne(doc);
        this.announce([{ docId: id, entries: events }]);
        return true;
      } catch (e) {
        // the id is taken: by another writer, or by this call (a retry of the driver's or ours that landed)
        if (isDuplicateKeyError(e)) return (await this.landed(id, [token])) !== undefined;
        if (!this.mayRetry(e, attempt, [id])) throw e;
        await pause(attempt);
        if ((await this.landed(id, [token])) !== undefined) return true;
      }
    }
  }

  /**
   * Changes one aggregate: reads it, asks `decide` for the next state (undefined: leave it),
   * writes it with its events if nobody wrote since the read, and otherwise reads and decides again.
   * `notFound` is thrown when there is no such aggregate. An error thrown by `decide` (a refusal)
   * reaches the caller as it is.
   */
  async change(
    id: string,
    decide: (current: T, version: number) => Decision<T, C> | undefined,
    notFound: () => Error,
  ): Promise<Changed<T>> {
    const tokens: string[] = [];
    let transient = 0;
    for (let attempt = 1; attempt <= this.attempts; attempt++) {
      let current: { value: T; version: number; writes: string[] } | undefined;
      try {
        current = await this.read(id);
      } catch (e) {
        if (!this.mayRetry(e, ++transient, [])) throw e;
        await pause(transient);
        attempt--;
        continue;
      }
      if (!current) throw notFound();
      // an earlier attempt that was not answered did land: its result stands
      if (tokens.some((t) => current!.writes.includes(t))) return { state: current.value, version: current.version, written: true };
      const decision = decide(current.value, current.version);
      if (!decision) return { state: current.value, version: current.version, written: false };
      const events = this.events(decision.changes, decision.next, current.value);
      const token = randomUUID();
      tokens.push(token);
      try {
        const r = await this.collection.updateOne(
          { _id: id, version: current.version } as never,
          this.update(decision, events, current.version, token, current.value),
        );
        if (r.matchedCount === 1) {
          this.announce([{ docId: id, entries: events }]);
          return { state: decision.next, version: current.version + 1, written: true };
        }
      } catch (e) {
        if (!this.mayRetry(e, ++transient, [id])) throw e;
        await pause(transient);
        attempt--;
      }
    }
    throw this.conflict(id);
  }

  /**
   * Changes the aggregate, or creates it when there is none, for a decision that must read other
   * state first or act outside the document (look up a directory, create another aggregate it
   * refers to): `decide` may be async, is given the state as read (undefined: none yet) and is
   * called again on a fresh read after a lost race, so what it does outside must be idempotent.
   * The compare-and-set, its retries and unanswered writes are the store's; after `attempts` lost
   * races a ConcurrentChangeError (409, or retried by a consumer). Lost races past the third wait
   * a few random milliseconds, so writers racing for one busy document spread out.
   */
  async changeWith(
    id: string,
    decide: (current: Versioned<T> | undefined) => Promise<Decision<T, C> | undefined>,
    attempts = this.attempts,
  ): Promise<{ state: T | undefined; written: boolean }> {
    let transient = 0;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      let current: Versioned<T> | undefined;
      try {
        current = await this.get(id);
      } catch (e) {
        if (!this.mayRetry(e, ++transient, [])) throw e;
        await pause(transient);
        attempt--;
        continue;
      }
      const decision = await decide(current);
      if (!decision) return { state: current?.value, written: false };
      const saved = current
        ? await this.saveIf(current, decision)
        : await this.create(decision.next, decision.changes, decision.push ?? {});
      if (saved) return { state: decision.next, written: true };
      if (attempt > 3) await spread(attempt);
    }
    throw this.conflict(id);
  }

  /**
   * Writes a decision taken on `current` once, if nobody wrote since it was read: false if someone
   * did. For a change that steps outside the document first (a booking, a claim) and must undo that
   * rather than decide again; `change` is the rule everywhere else.
   */
  async saveIf(current: Versioned<T>, decision: Decision<T, C>): Promise<boolean> {
    const id = this.idOf(decision.next);
    const events = this.events(decision.changes, decision.next, current.value);
    const token = randomUUID();
    const update = this.update(decision, events, current.version, token, current.value);
    for (let attempt = 1; ; attempt++) {
      try {
        const r = await this.collection.updateOne({ _id: id, version: current.version } as never, update);
        // after an unanswered attempt, no match may mean that attempt landed late
        if (r.matchedCount !== 1) return attempt > 1 && (await this.landed(id, [token])) !== undefined;
        this.announce([{ docId: id, entries: events }]);
        return true;
      } catch (e) {
        if (!this.mayRetry(e, attempt, [id])) throw e;
        await pause(attempt);
        if ((await this.landed(id, [token])) !== undefined) return true;
      }
    }
  }

  /**
   * Sets some fields of a document shared by many entries (dotted paths, e.g. one member of a
   * bucket) if it is still at `version`, with the events of `changes` in the same write; false if
   * someone wrote since. For documents that are not one aggregate each; everything else uses
   * `change`. Unanswered writes are handled as in `saveIf`. `announce: false` leaves the events to
   * the relay's recovery scan (entries moved from elsewhere, already published or being so).
   */
  async setFieldsIf(
    id: string,
    version: number,
    fields: Record<string, unknown>,
    changes: readonly C[],
    announce = true,
  ): Promise<boolean> {
    const events = this.events(changes, undefined as never, undefined);
    const token = randomUUID();
    const $push: Document = { [WRITES_FIELD]: { $each: [token], $slice: -WRITES_KEPT } };
    if (events.length) $push[OUTBOX_FIELD] = { $each: [...events] };
    const update = { $set: { ...fields, version: version + 1 }, $push };
    for (let attempt = 1; ; attempt++) {
      try {
        const r = await this.collection.updateOne({ _id: id, version } as never, update);
        if (r.matchedCount !== 1) return attempt > 1 && (await this.landed(id, [token])) !== undefined;
        if (announce) this.announce([{ docId: id, entries: events }]);
        return true;
      } catch (e) {
        if (!this.mayRetry(e, attempt, announce ? [id] : [])) throw e;
        await pause(attempt);
        if ((await this.landed(id, [token])) !== undefined) return true;
      }
    }
  }

  /**
   * Changes some fields of a document shared by many entries (one member of a bucket): reads the
   * document's version and the fields under `paths` (dotted paths), asks `decide` for the fields
   * to set (undefined: leave them), and writes them with the events of its changes by
   * compare-and-set on the version (`setFieldsIf`), reading and deciding again after a lost race.
   * The document is created from `options.create` when there is none. Lost races count against
   * `attempts` only when `own` (the part the change is about, e.g. an entry's own version) changed
   * between reads; those lost to other entries of the document are retried at once, up to `tries`
   * in all. Ends in a ConcurrentChangeError (`conflict` names what kept changing). True if written.
   */
  async changeFields(
    id: string,
    paths: readonly string[],
    decide: (current: Document) => FieldsDecision<C> | undefined,
    options: {
      own?: (current: Document) => unknown;
      create?: () => Document;
      announce?: boolean;
      attempts?: number;
      tries?: number;
      conflict?: { message: string; details: Record<string, unknown> };
    } = {},
  ): Promise<boolean> {
    const attempts = options.attempts ?? this.attempts;
    const tries = options.tries ?? attempts;
    const projection = Object.fromEntries([['version', 1], ...paths.map((p) => [p, 1])]);
    let own = 0;
    let seen: { value: unknown } | undefined;
    let transient = 0;
    for (let tried = 0; tried < tries; tried++) {
      let doc: Document | null;
      try {
        doc = await this.collection.findOne({ _id: id as never }, { projection });
        if (!doc && options.create) {
          await this.collection.insertOne({ ...options.create(), _id: id as never, version: 1 }).catch((e: unknown) => {
            if (!isDuplicateKeyError(e)) throw e;
          });
          tried--;
          continue;
        }
      } catch (e) {
        if (!this.mayRetry(e, ++transient, [])) throw e;
        await pause(transient);
        tried--;
        continue;
      }
      if (!doc) return false;
      const { _id, version, ...current } = doc;
      // a race lost to this change's own part is a new attempt; one lost to a neighbour is not
      const mine = options.own ? options.own(current) : tried;
      if ((!seen || seen.value !== mine) && ++own > attempts) break;
      seen = { value: mine };
      const decision = decide(current);
      if (!decision) return false;
      if (await this.setFieldsIf(id, version as number, decision.fields, decision.changes, options.announce ?? true)) return true;
    }
    const conflict = options.conflict ?? { message: `${this.noun} ${id} kept changing while being written; try again`, details: { id } };
    throw new ConcurrentChangeError(conflict.message, conflict.details);
  }

  /**
   * Changes the aggregate, or creates it when there is none (`decide` is given undefined then):
   * for state kept one document per key that its first write brings into being.
   */
  async upsert(
    id: string,
    decide: (current: T | undefined) => Decision<T, C> | undefined,
  ): Promise<{ state: T | undefined; written: boolean }> {
    const r = await this.changeMany([id], decide);
    return r.written.has(id) ? { state: r.written.get(id), written: true } : { state: r.kept.get(id), written: false };
  }

  /**
   * Changes many aggregates in one bulk read and one bulk write (chunks of `chunk`). `decide` is
   * given each current state, or undefined for an id with no document (returning a decision then
   * creates it). Documents another writer changed between the read and the write are read and
   * decided again, in bulk; a write the database did not answer is checked by its tokens.
   */
  async changeMany(
    ids: readonly string[],
    decide: (current: T | undefined, id: string) => Decision<T, C> | undefined,
    chunk = 1_000,
  ): Promise<ChangedMany<T>> {
    const result: ChangedMany<T> = { written: new Map(), unchanged: [], kept: new Map(), events: 0 };
    for (let i = 0; i < ids.length; i += chunk) await this.changeChunk([...new Set(ids.slice(i, i + chunk))], decide, result);
    return result;
  }

  private async changeChunk(
    ids: string[],
    decide: (current: T | undefined, id: string) => Decision<T, C> | undefined,
    result: ChangedMany<T>,
  ): Promise<void> {
    /** Tokens of this call's attempts per id: a document holding one was written by us. */
    const tokens = new Map<string, string[]>();
    let todo = ids;
    let transient = 0;
    for (let attempt = 1; todo.length; attempt++) {
      if (attempt > this.attempts) throw this.conflict(todo[0], todo.length);
      let current: Map<string, { value: T; version: number; writes: string[] }>;
      try {
        current = await this.readMany(todo);
      } catch (e) {
        if (!this.mayRetry(e, ++transient, [])) throw e;
        await pause(transient);
        attempt--;
        continue;
      }
      const ops: AnyBulkWriteOperation<Document>[] = [];
      const planned: { id: string; next: T; events: OutboxEntry[]; token: string; create: boolean }[] = [];
      for (const id of todo) {
        const doc = current.get(id);
        if (doc && tokens.get(id)?.some((t) => doc.writes.includes(t))) {
          result.written.set(id, doc.value);
          continue;
        }
        const decision = decide(doc?.value, id);
        if (!decision) {
          result.unchanged.push(id);
          if (doc) result.kept.set(id, doc.value);
          continue;
        }
        const events = this.events(decision.changes, decision.next, doc?.value);
        const token = randomUUID();
        tokens.set(id, [...(tokens.get(id) ?? []), token]);
        planned.push({ id, next: decision.next, events, token, create: !doc });
        if (doc) {
          ops.push({
            updateOne: {
              filter: { _id: id, version: doc.version } as never,
              update: this.update(decision, events, doc.version, token, doc.value),
            },
          });
        } else {
          const created: Document = { ...this.toDoc(decision.next), version: 1, [OUTBOX_FIELD]: events, [WRITES_FIELD]: [token] };
          for (const [field, items] of Object.entries(decision.push ?? {})) created[field] = Array.isArray(items) ? items : [items];
          ops.push({ insertOne: { document: created } });
        }
      }
      if (ops.length === 0) return;
      let failed: Set<number>;
      try {
        failed = await this.bulk(ops, planned);
      } catch (e) {
        if (
          !this.mayRetry(
            e,
            ++transient,
            planned.map((p) => p.id),
          )
        )
          throw e;
        await pause(transient);
        todo = planned.map((p) => p.id);
        attempt--;
        continue;
      }
      const done: PendingDocument[] = [];
      const again: string[] = [];
      planned.forEach((p, i) => {
        if (failed.has(i)) again.push(p.id);
        else {
          result.written.set(p.id, p.next);
          result.events += p.events.length;
          if (p.events.length) done.push({ docId: p.id, entries: p.events });
        }
      });
      this.announce(done);
      todo = again;
    }
  }

  /**
   * Runs the bulk write; the indexes of the operations that did not apply (lost a race). Updates
   * report only a count of matches, so when it falls short the documents are read back and an
   * update counts as applied only where its token is in the document.
   */
  private async bulk(
    ops: AnyBulkWriteOperation<Document>[],
    planned: { id: string; token: string; create: boolean }[],
  ): Promise<Set<number>> {
    const failed = new Set<number>();
    let matched: number;
    try {
      const r = await this.collection.bulkWrite(ops, { ordered: false });
      matched = r.matchedCount + r.insertedCount;
    } catch (e) {
      const writeErrors = bulkWriteErrors(e);
      if (!writeErrors || writeErrors.some((w) => w.code !== 11000)) throw e;
      // a creation that found the document already there (another writer created it): decide again
      writeErrors.forEach((w) => failed.add(w.index));
      const r = (e as { result?: { matchedCount?: number; insertedCount?: number } }).result;
      matched = (r?.matchedCount ?? 0) + (r?.insertedCount ?? 0);
    }
    if (matched + failed.size >= ops.length) return failed;
    const updates = planned.map((p, i) => ({ ...p, i })).filter((p) => !p.create && !failed.has(p.i));
    const back = await this.readMany(updates.map((u) => u.id));
    for (const u of updates) if (!back.get(u.id)?.writes.includes(u.token)) failed.add(u.i);
    return failed;
  }

  /** The write of `decision.next` over `previous`: fields the next state no longer has are removed. */
  private update(decision: Decision<T, C>, events: readonly OutboxEntry[], version: number, token: string, previous: T): Document {
    const { _id, ...fields } = this.toDoc(decision.next);
    const $push: Document = { [WRITES_FIELD]: { $each: [token], $slice: -WRITES_KEPT } };
    if (events.length) $push[OUTBOX_FIELD] = { $each: [...events] };
    for (const [field, items] of Object.entries(decision.push ?? {})) $push[field] = { $each: Array.isArray(items) ? items : [items] };
    const dropped = Object.keys(this.toDoc(previous)).filter((f) => f !== '_id' && !(f in fields) && !(f in $push));
    const update: Document = { $set: { ...fields, version: version + 1 }, $push };
    if (dropped.length) update.$unset = Object.fromEntries(dropped.map((f) => [f, '']));
    return update;
  }

  private async read(id: string): Promise<{ value: T; version: number; writes: string[] } | undefined> {
    return (await this.readMany([id])).get(id);
  }

  private async readMany(ids: readonly string[]): Promise<Map<string, { value: T; version: number; writes: string[] }>> {
    const { [WRITES_FIELD]: _writes, ...excluded } = this.hidden;
    const projection = this.only ? { ...this.hidden, [WRITES_FIELD]: 1 } : excluded;
    const docs = await this.collection.find({ _id: { $in: [...ids] as never[] } }, { projection }).toArray();
    return new Map(
      docs.map((d) => [
        String(d._id),
        { value: this.toValue(d), version: d.version as number, writes: (d[WRITES_FIELD] as string[]) ?? [] },
      ]),
    );
  }

  /** The document, if an attempt with one of `tokens` wrote it. */
  private async landed(id: string, tokens: readonly string[]): Promise<T | undefined> {
    const doc = await this.read(id);
    return doc && tokens.some((t) => doc.writes.includes(t)) ? doc.value : undefined;
  }

  /**
   * Whether to try again after a failed database call. A write that was not answered may have
   * landed, so the relay is told to look at its documents either way (it publishes what is there).
   */
  private mayRetry(error: unknown, attempt: number, maybeWritten: readonly string[]): boolean {
    if (classifyFailure(error) !== 'transient') return false;
    if (maybeWritten.length) this.relay.notify(this.name, maybeWritten);
    return attempt < this.transientAttempts;
  }

  private announce(docs: PendingDocument[]): void {
    const withEvents = docs.filter((d) => d.entries.length > 0);
    if (withEvents.length) this.relay.notifyWritten(this.name, withEvents);
  }

  private conflict(id: string, count = 1): ConcurrentChangeError {
    const what = count > 1 ? `${count} ${this.noun} documents (${id}, …)` : `${this.noun} ${id}`;
    return new ConcurrentChangeError(`${what} kept changing while being written; try again`, { id });
  }

  private idOf(value: T): string {
    return String((value as Record<string, unknown>)[this.idField]);
  }

  private toDoc(value: T): Document {
    const { [this.idField]: id, ...fields } = value as Record<string, unknown>;
    const others: Record<string, unknown> = fields;
    const rest: Record<string, unknown> = this.only
      ? Object.fromEntries(this.only.filter((f) => f in others).map((f) => [f, others[f]]))
      : others;
    for (const f of this.preserve) delete rest[f];
    for (const f of STORE_FIELDS) delete rest[f];
    return { _id: id, ...rest };
  }

  private toValue(doc: Document): T {
    const { _id, ...rest } = doc;
    for (const f of STORE_FIELDS) delete rest[f];
    if (!this.only) for (const f of Object.keys(this.hidden)) delete rest[f];
    return { [this.idField]: _id, ...rest } as T;
  }
}

function bulkWriteErrors(error: unknown): { index: number; code?: number }[] | undefined {
  const e = error as { writeErrors?: { index: number; code?: number }[] | { index: number; code?: number } };
  if (!e?.writeErrors) return undefined;
  return Array.isArray(e.writeErrors) ? e.writeErrors : [e.writeErrors];
}

function pause(attempt: number): Promise<void> {
  return new Promise((r) => setTimeout(r, 200 * 2 ** (attempt - 1)));
}

/** A few random milliseconds, more as the lost races add up (at most 20). */
function spread(attempt: number): Promise<void> {
  return new Promise((r) => setTimeout(r, Math.random() * Math.min(attempt, 20)));
}
