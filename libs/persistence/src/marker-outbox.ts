import { randomUUID } from 'node:crypto';
import { classifyFailure, type OutboxEntry, type OutboxStore, type PendingDocument } from '@civil/messaging';
import type { Collection, Document } from 'mongodb';
import { ConcurrentChangeError, type RelayPort } from './aggregate-store';
import { RelayPacer } from './relay-pacer';
import { isDuplicateKeyError } from './write-errors';

export { RelayPacer } from './relay-pacer';

/** What every marker holds: when it was written (the recovery scan leaves younger ones to their writer). */
export interface MarkerTime {
  at: Date;
}

interface MarkerDoc {
  _id: string;
  at: Date;
  lease?: { owner: string; until: Date };
  [field: string]: unknown;
}

/** One write under a marker: what it adds, the events it publishes, and the write itself. */
export interface MarkedWrite<M extends MarkerTime> {
  /** Names what the write adds; written before the write, unless the caller marked it already. */
  marker: M;
  /** The events of what the write adds, built from the marker that stands for it. */
  entries: (marker: M) => readonly OutboxEntry[];
  /** The write, by compare-and-set on the state `plan` was given: false if someone wrote since. */
  write: () => Promise<boolean>;
}

/** What a plan comes to: its result, and the write it needs (none: the state has it all already). */
export interface MarkedPlan<M extends MarkerTime, R> {
  result: R;
  write?: MarkedWrite<M>;
}

/** What a marker stands for, as the data now is: the events of its write, or how to fence the data. */
export type MarkerFinding = { entries: readonly OutboxEntry[] } | { fence: () => Promise<boolean> };

/** The relay as a marker outbox needs it: to be known by it, tell it what was written, and pace to it. */
export type MarkerRelayPort = RelayPort & { readonly published: number };

export interface MarkerOutboxOptions<M extends MarkerTime> {
  /** The markers' collection; its name is the store's name with the relay. */
  collection: Collection<Document>;
  relay: MarkerRelayPort;
  /** A marker's id: the same for every marker that says the same thing. */
  idOf: (marker: M) => string;
  /**
   * What each marker stands for now, read from the data it names (in the markers' order): its
   * events, or, where the write it announced is not there (it never happened, or not yet), how to
   * fence the data as just read: make that write fail its compare-and-set if it is still on its
   * way (move the version on), false if someone wrote first. Only a fenced marker goes.
   */
  resolve: (markers: readonly M[]) => Promise<readonly MarkerFinding[]>;
  /** Markers younger than this belong to a live writer's relay (default 120 s). */
  recoverAfterMs?: number;
  /** How long one relay holds the markers its recovery scan took (default 30 s). */
  leaseMs?: number;
  /** Compare-and-set attempts of one write before it gives up (default 8). */
  attempts?: number;
  /** Tries of a database call that was not answered (default 3, 200 ms apart and doubling). */
  transientAttempts?: number;
}

/**
 * An outbox whose events are not copied into the database. When the data a write adds already
 * holds everything its events say (and their ids derive from it), what must be durable is only
 * which of it may still be unpublished: a small marker document per write, written before the
 * write and removed once the relay has published its events. The relay publishes announced
 * entries from memory; its recovery scan reads markers (there are only as many as unfinished
 * writes) and rebuilds their events from the data.
 *
 * The outbox registers its collection with the relay, and `write` is the one way to write under
 * a marker: it marks, writes by compare-and-set, decides again on a fresh read after a lost race
 * (marking again), retries calls the database did not answer, paces and tells the relay, and
 * gives up with a ConcurrentChangeError.
 */
export class MarkerOutbox<M extends MarkerTime> implements OutboxStore {
  readonly name: string;
  private readonly markers: Collection<MarkerDoc>;
  private readonly owner = randomUUID();
  recoverAfterMs: number;
  leaseMs: number;
  private readonly attempts: number;
  private readonly transientAttempts: number;

  constructor(private readonly options: MarkerOutboxOptions<M>) {
    this.markers = options.collection as unknown as Collection<MarkerDoc>;
    this.name = options.collection.collectionName;
    this.recoverAfterMs = options.recoverAfterMs ?? 120_000;
    this.leaseMs = options.leaseMs ?? 30_000;
    this.attempts = options.attempts ?? 8;
    this.transientAttempts = options.transientAttempts ?? 3;
    options.relay.ensureStore(this);
  }

  /** Paces a run's announcements to what the relay publishes (see RelayPacer). */
  pacer(limit: number): RelayPacer {
    return new RelayPacer(this.options.relay, limit);
  }

  /**
   * Writes what `plan` decides on `state` under its marker, and announces its events. A write that
   * lost to another writer is planned again on `reread()` and marked again (the recovery scan may
   * have fenced the data and removed the marker); after `attempts` lost races a
   * ConcurrentChangeError. `marked`: the marker written for this state beforehand (many marked in
   * one write), used as it is while it stands for the same write and is younger than half the
   * recovery age. A write the database did not answer may have landed: the relay is told to look
   * at its marker, and the state is read and planned again.
   */
  async write<S, R>(
    state: S,
    plan: (state: S) => MarkedPlan<M, R>,
    reread: () => Promise<S>,
    options: { marked?: M; pacer?: RelayPacer; what?: string; details?: Record<string, unknown> } = {},
  ): Promise<R> {
    let marked = options.marked;
    let transient = 0;
    for (let attempt = 1; attempt <= this.attempts; attempt++) {
      const { result, write } = plan(state);
      if (!write) return result;
      const id = this.options.idOf(write.marker);
      const renew =
        attempt > 1 || !marked || this.options.idOf(marked) !== id || Date.now() - marked.at.getTime() > this.recoverAfterMs / 2;
      if (renew) await this.mark([write.marker]);
      const marker = renew ? write.marker : marked!;
      marked = marker;
      let written: boolean;
      try {
        written = await write.write();
      } catch (e) {
        if (classifyFailure(e) !== 'transient') throw e;
        // it may have landed: its events are published from the data if it did, the marker removed if not
        this.options.relay.notify(this.name, [id]);
        if (++transient >= this.transientAttempts) throw e;
        // counted as an attempt: the next one marks again, as the relay may remove this marker
        await pause(transient);
        state = await reread();
        continue;
      }
      if (written) {
        const entries = [...write.entries(marker)];
        await options.pacer?.admit(entries.length);
        if (entries.length) this.options.relay.notifyWritten(this.name, [{ docId: id, entries }]);
        return result;
      }
      state = await reread(); // another writer wrote it: decide again
    }
    const what = options.what ?? 'the data';
    throw new ConcurrentChangeError(`${what} kept changing while being written; try again`, options.details ?? {});
  }

  /**
   * Records, before the writes, what they add. A marker that exists already (a crashed writer's,
   * or one side by side that chose the same) says the same thing; its time is renewed, so the
   * recovery scan leaves it to this writer for a while. Safe to repeat after an unanswered call.
   */
  async mark(markers: readonly M[]): Promise<void> {
    if (!markers.length) return;
    const write = () =>
      this.markers.bulkWrite(
        markers.map((m) => ({
          updateOne: { filter: { _id: this.options.idOf(m) }, update: { $set: { ...m } as unknown as Partial<MarkerDoc> }, upsert: true },
        })),
        { ordered: false },
      );
    for (let attempt = 1; ; attempt++) {
      try {
        await write();
        return;
      } catch (e) {
        // two upserts of one new marker at once: one inserts, the other may fail on the key; the
        // marker exists then, and writing again renews it
        if (isDuplicateKeyError(e)) {
          await write();
          return;
        }
        if (classifyFailure(e) !== 'transient' || attempt >= this.transientAttempts) throw e;
        await pause(attempt);
      }
    }
  }

  async pending(limit: number, ids?: readonly unknown[]): Promise<PendingDocument[]> {
    const now = Date.now();
    let docs: MarkerDoc[];
    if (ids) {
      docs = (await this.markers.find({ _id: { $in: ids.map(String) } }).toArray()).filter(
        (d) => !d.lease || d.lease.owner === this.owner || new Date(d.lease.until).getTime() <= now,
      );
    } else {
      const claimable = {
        at: { $lte: new Date(now - this.recoverAfterMs) },
        $or: [{ lease: { $exists: false } }, { 'lease.owner': this.owner }, { 'lease.until': { $lte: new Date(now) } }],
      };
      const candidates = await this.markers
        .find(claimable as never, { projection: { _id: 1 } })
        .limit(limit)
        .toArray();
      if (!candidates.length) return [];
      const taken = candidates.map((c) => c._id);
      await this.markers.updateMany({ ...claimable, _id: { $in: taken } } as never, {
        $set: { lease: { owner: this.owner, until: new Date(now + this.leaseMs) } },
      });
      docs = (await this.markers.find({ _id: { $in: taken } }).toArray()).filter((d) => d.lease?.owner === this.owner);
    }
    docs = docs.slice(0, limit);
    if (!docs.length) return [];
    const markers = docs.map(markerOf) as unknown as M[];
    const found = await this.options.resolve(markers);
    const out: PendingDocument[] = [];
    for (let i = 0; i < docs.length; i++) {
      const d = docs[i];
      const f = found[i];
      // Nothing written yet where the marker points: the write it announced never happened, or has
      // not happened yet. The marker may go only once that write can no longer succeed unseen, so
      // the data is fenced: a writer still on its way then fails its compare-and-set, reads again
      // and marks again. Removed only as read: a marker renewed under the same id stays.
      if (!f || !('entries' in f) || !f.entries.length) {
        if (f && 'fence' in f && (await f.fence())) await this.markers.deleteOne({ _id: d._id, at: d.at });
        continue;
      }
      out.push({ docId: d._id, entries: [...f.entries] });
    }
    return out;
  }

  async markPublished(done: readonly { docId: unknown; entryIds: string[] }[]): Promise<void> {
    if (!done.length) return;
    await this.markers.deleteMany({ _id: { $in: done.map((d) => String(d.docId)) } });
  }
}

function markerOf(doc: MarkerDoc): Record<string, unknown> {
  const { _id: _ignored, lease: _lease, ...marker } = doc;
  return { ...marker, at: new Date(doc.at) };
}

function pause(attempt: number): Promise<void> {
  return new Promise((r) => setTimeout(r, 200 * 2 ** (attempt - 1)));
}
