import { EventPublisher } from '../kafka/kafka-event.publisher';
import { consoleJsonLogger, MessagingLogger } from '../logger';
import { OutboxStore, PendingDocument } from './outbox-entry';

/** Events per producer send: ~1 KB each keeps a send well under Kafka's default 1 MB request limit. */
const MAX_EVENTS_PER_SEND = 500;
/** Sends of announced entries handed to the publisher at once (only when they share no key). */
const MAX_SENDS_IN_FLIGHT = 2;
/** The recovery scan reads whole collections: it takes at most about 1/SCAN_DUTY of the time. */
const SCAN_DUTY = 10;
/** After a failed publish the next attempt comes this soon, doubling up to RETRY_MAX_MS. */
const RETRY_FIRST_MS = 250;
const RETRY_MAX_MS = 2_000;

/** What the relay is holding, for readiness and metrics. */
export interface OutboxRelayState {
  /** False while the last attempt to publish failed: events are waiting for the broker. */
  publishing: boolean;
  /** Entries announced by writers and documents named after a failure, not yet published. */
  pendingEntries: number;
  pendingDocuments: number;
  /** Age of the oldest of them, in ms (null when nothing is pending). */
  oldestPendingAgeMs: number | null;
  /** Consecutive failed attempts. */
  failures: number;
  lastPublishError?: { message: string; at: string };
  lastPublishedAt?: string;
  /** Events published since start. */
  published: number;
}

export interface OutboxRelayOptions {
  /** How often to look for entries nobody woke us for (after a crash); default 10 s. */
  pollIntervalMs?: number;
  batchSize?: number;
  logger?: MessagingLogger;
}

/**
 * Publishes events left in aggregate documents, then removes them. Woken right after each write
 * with the ids written (low latency, no scan) and polling on a timer for anything left behind by
 * a crash. An entry is removed only after the broker acknowledged it, so a crash in between
 * re-sends: delivery is at least once and consumers de-duplicate on ce_source + ce_id.
 *
 * After a failed publish, everything the relay was holding is kept as the ids of its documents
 * ("hints", in the order they were written), and later writes to those collections join them
 * instead of overtaking them: once the broker is back the relay reads the documents again (they
 * hold every entry still unpublished, in order) and sends them oldest first, so a key's events
 * arrive in the order they were written however busy the writers are.
 */
export class OutboxRelay {
  /** Per store: document id → when it was first named, and how often (a re-named document is read again). */
  private readonly hints = new Map<string, Map<unknown, { since: number; seq: number }>>();
  private hintSeq = 0;
  private readonly written = new Map<string, PendingDocument[]>();
  private scanRequested = true;
  /** flush(): scan now, burst or not. */
  private scanForced = false;
  private lastScanAt = 0;
  private lastScanMs = 0;
  private running?: Promise<void>;
  private again = false;
  private timer?: NodeJS.Timeout;
  private stopped = false;
  private failures = 0;
  private lastError?: { message: string; at: string };
  private lastPublishedAt?: string;
  private readonly pollIntervalMs: number;
  private readonly batchSize: number;
  private readonly logger: MessagingLogger;
  published = 0;

  private readonly stores: OutboxStore[];

  constructor(
    stores: readonly OutboxStore[],
    private readonly publisher: EventPublisher,
    options: OutboxRelayOptions = {},
  ) {
    this.stores = [...stores];
    this.pollIntervalMs = options.pollIntervalMs ?? 10_000;
    this.batchSize = options.batchSize ?? 500;
    this.logger = options.logger ?? consoleJsonLogger;
  }

  /**
   * Adds a store whose entries are not kept as `outbox` arrays in their documents (a capability
   * that rebuilds its events from its own state registers one before the app starts).
   */
  addStore(store: OutboxStore): void {
    if (this.stores.some((s) => s.name === store.name)) throw new Error(`outbox relay: a store ${store.name} exists already`);
    this.stores.push(store);
  }

  /**
   * Adds a store unless one of its name is known: every aggregate store registers the collection
   * it writes, however many stores of the process write to it.
   */
  ensureStore(store: OutboxStore): void {
    if (!this.stores.some((s) => s.name === store.name)) this.stores.push(store);
  }

  start(): void {
    this.stopped = false;
    this.schedulePoll(0);
  }

  /** Called after a write that queued events in the given documents. */
  notify(storeName: string, ids: readonly unknown[]): void {
    this.hint(storeName, ids);
    if (!this.stopped) void this.drain().catch(() => undefined);
  }

  private hint(storeName: string, ids: readonly unknown[], since = Date.now()): void {
    if (ids.length === 0) return;
    const map = this.hints.get(storeName) ?? new Map<unknown, { since: number; seq: number }>();
    for (const id of ids) {
      const known = map.get(id);
      map.set(id, { since: Math.min(known?.since ?? since, since), seq: ++this.hintSeq });
    }
    this.hints.set(storeName, map);
  }

  /** Announced documents that could not be published wait as hints, dated by their oldest entry. */
  private hintDocuments(storeName: string, docs: readonly PendingDocument[]): void {
    // a loop, not Math.min(...): a benefit round announces hundreds of thousands of entries at once
    let oldest = Date.now();
    for (const d of docs) for (const e of d.entries) oldest = Math.min(oldest, new Date(e.at).getTime());
    this.hint(
      storeName,
      docs.map((d) => d.docId),
      oldest,
    );
  }

  /**
   * Called after a write with the entries it queued: they are published without reading the
   * documents back (one database round trip less per write).
   */
  notifyWritten(storeName: string, docs: readonly PendingDocument[]): void {
    if (docs.length === 0) return;
    if (this.failures > 0 || this.hints.has(storeName)) {
      // older entries of this collection wait as hints: these join them, in order
      this.notify(
        storeName,
        docs.map((d) => d.docId),
      );
      return;
    }
    const list = this.written.get(storeName) ?? [];
    for (const d of docs) list.push(d);
    this.written.set(storeName, list);
    if (!this.stopped) void this.drain().catch(() => undefined);
  }

  /** What the relay holds and whether it can publish, for readiness and metrics. */
  state(now = Date.now()): OutboxRelayState {
    let pendingEntries = 0;
    let pendingDocuments = 0;
    let oldest = Infinity;
    for (const docs of this.written.values()) {
      pendingDocuments += docs.length;
      for (const d of docs) pendingEntries += d.entries.length;
      // announced in write order: the first document's first entry is the oldest
      const first = docs[0]?.entries[0];
      if (first) oldest = Math.min(oldest, new Date(first.at).getTime());
    }
    for (const map of this.hints.values()) {
      pendingDocuments += map.size;
      for (const h of map.values()) oldest = Math.min(oldest, h.since);
    }
    return {
      publishing: this.failures === 0,
      pendingEntries,
      pendingDocuments,
      oldestPendingAgeMs: Number.isFinite(oldest) ? Math.max(0, now - oldest) : null,
      failures: this.failures,
      ...(this.lastError ? { lastPublishError: this.lastError } : {}),
      ...(this.lastPublishedAt ? { lastPublishedAt: this.lastPublishedAt } : {}),
      published: this.published,
    };
  }

  /** Publishes everything pending now, hinted or not. */
  async flush(): Promise<void> {
    this.scanRequested = true;
    this.scanForced = true;
    await this.drain();
    // a pass already running when flush was called may have missed the scan request
    while (this.scanRequested || this.hints.size || this.written.size) await this.drain();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    try {
      await this.flush();
    } catch (e) {
      this.logger.warn('outbox relay stopped with events still pending; they are published on the next start', {
        error: (e as Error).message,
      });
    }
  }

  private schedulePoll(delay: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.scanRequested = true;
      this.drain()
        .catch(() => undefined)
        .finally(() => this.schedulePoll(this.failures ? this.retryDelay() : this.pollIntervalMs));
    }, delay);
    this.timer.unref();
  }

  /** While the broker refuses, attempts come quickly (each one waits out the client's own retries). */
  private retryDelay(): number {
    return Math.min(RETRY_FIRST_MS * 2 ** (this.failures - 1), RETRY_MAX_MS, this.pollIntervalMs);
  }

  /**
   * Whether a requested recovery scan runs now. It reads every document of every outbox
   * collection, so a poll does not start one sooner than SCAN_DUTY times the last scan's length
   * after it. Busy writers never hold it back: it runs beside them.
   */
  private scanDue(now: number): boolean {
    if (this.scanForced || this.lastScanAt === 0) return true;
    return now - this.lastScanAt >= Math.max(this.pollIntervalMs, SCAN_DUTY * this.lastScanMs);
  }

  /**
   * One pass at a time; a wake-up during a pass asks for one more pass (never a queue of them),
   * so a burst of writes is published in a few large batches.
   */
  private drain(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          await this.loop();
        } while (this.again && !this.failures);
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }

  private async loop(): Promise<void> {
    try {
      // documents named after a failure are older than anything announced since: they go first
      while (this.hints.size || this.written.size) {
        if (this.hints.size) {
          await this.publishHinted(this.hints.keys().next().value as string);
          continue;
        }
        const [storeName, docs] = this.written.entries().next().value as [string, PendingDocument[]];
        this.written.delete(storeName);
        await this.publishWritten(this.storeNamed(storeName), storeName, docs);
      }
      if (this.scanRequested && this.scanDue(Date.now())) {
        this.scanRequested = false;
        this.scanForced = false;
        const started = Date.now();
        for (const store of this.stores) {
          // entries a concurrent writer adds while we scan are found by their own wake-up;
          // `seen` stops a document that cannot be cleared from looping the scan forever
          const seen = new Set<string>();
          for (;;) {
            const batch = (await store.pending(this.batchSize)).filter((d) => !seen.has(String(d.docId)));
            if (batch.length === 0) break;
            batch.forEach((d) => seen.add(String(d.docId)));
            await this.publishBatch(store, batch);
          }
        }
        this.lastScanAt = Date.now();
        this.lastScanMs = this.lastScanAt - started;
      }
      this.succeeded();
    } catch (e) {
      this.failures += 1;
      this.scanRequested = true;
      this.lastError = { message: (e as Error).message, at: new Date().toISOString() };
      // whatever was announced waits as hints now, so nothing later overtakes it
      for (const [storeName, docs] of this.written) this.hintDocuments(storeName, docs);
      this.written.clear();
      this.logger.error('outbox relay could not publish; events stay in their documents and are retried', {
        error: (e as Error).message,
        attempt: this.failures,
      });
      throw e;
    }
  }

  /**
   * Documents named by id, oldest first, a batch at a time. Each is read again (it holds every
   * entry not yet acknowledged) and its id is forgotten only once its entries are published and
   * removed, unless it was named again meanwhile (then its newer entries are read next time).
   */
  private async publishHinted(storeName: string): Promise<void> {
    const map = this.hints.get(storeName)!;
    const store = this.storeNamed(storeName);
    while (map.size) {
      const chunk = [...map].slice(0, this.batchSize);
      await this.publishBatch(
        store,
        await store.pending(
          this.batchSize,
          chunk.map(([id]) => id),
        ),
      );
      for (const [id, h] of chunk) if (map.get(id)?.seq === h.seq) map.delete(id);
    }
    if (map.size === 0 && this.hints.get(storeName) === map) this.hints.delete(storeName);
  }

  /**
   * Entries announced with their documents, in sends of MAX_EVENTS_PER_SEND events. Two sends may
   * be handed to the publisher at once when they share no key (it carries them out one after the
   * other, and prepares the next while the last is on its way); a send with a key of an earlier
   * unfinished one waits for it, so a failed send never has a later event of its keys behind it.
   * Sends complete in order, and once one completes the documents it finished are cleared while
   * the next sends go out.
   */
  private async publishWritten(store: OutboxStore, storeName: string, docs: readonly PendingDocument[]): Promise<void> {
    const entries = docs.flatMap((d) => d.entries);
    const ends: number[] = [];
    docs.reduce((end, d) => (ends.push(end + d.entries.length), end + d.entries.length), 0);
    const window: { end: number; keys: Set<string>; done: Promise<void> }[] = [];
    let removing: Promise<void> | undefined;
    let removed = 0;
    let handed = 0;
    const settle = async () => {
      const oldest = window.shift()!;
      await oldest.done;
      let done = handed;
      while (done < docs.length && ends[done] <= oldest.end) done++;
      if (done === handed) return;
      await removing;
      const [from, to] = [handed, done];
      removing = this.markPublished(store, docs.slice(from, to)).then(() => void (removed = to));
      removing.catch(() => undefined); // awaited before the next removal or below
      handed = done;
    };
    try {
      for (let start = 0; start < entries.length; start += MAX_EVENTS_PER_SEND) {
        const part = entries.slice(start, start + MAX_EVENTS_PER_SEND);
        const keys = new Set(part.map((e) => `${e.topic}\u0000${e.key}`));
        while (window.length && (window.length >= MAX_SENDS_IN_FLIGHT || window.some((w) => shareAny(w.keys, keys)))) await settle();
        const done = this.publisher.publish(part);
        done.catch(() => undefined); // awaited in order by settle
        window.push({ end: start + part.length, keys, done });
      }
      while (window.length) await settle();
      await removing;
    } catch (e) {
      await Promise.all(window.map((w) => w.done.catch(() => undefined)));
      await removing?.catch(() => undefined);
      // not lost: the entries are still in their documents; look them up again next time
      this.hintDocuments(storeName, docs.slice(removed));
      throw e;
    }
  }

  private storeNamed(name: string): OutboxStore {
    const store = this.stores.find((s) => s.name === name);
    if (!store) throw new Error(`outbox relay: unknown store ${name}`);
    return store;
  }

  private async publishBatch(store: OutboxStore, batch: readonly PendingDocument[]): Promise<void> {
    if (batch.length === 0) return;
    await this.send(batch);
    await this.markPublished(store, batch);
  }

  private async send(batch: readonly PendingDocument[]): Promise<void> {
    // documents read back come in the database's order: entries go in the order they were queued,
    // so a key whose events sit in several documents keeps their order
    const entries = batch
      .flatMap((d) => d.entries)
      .map((e, i) => ({ e, i, at: new Date(e.at).getTime() }))
      .sort((a, b) => a.at - b.at || a.i - b.i)
      .map((x) => x.e);
    // a document may hold many entries (a benefit round's bucket holds hundreds): sends stay
    // bounded in events, not documents, so no request exceeds the broker's size limit
    for (let i = 0; i < entries.length; i += MAX_EVENTS_PER_SEND) await this.publisher.publish(entries.slice(i, i + MAX_EVENTS_PER_SEND));
  }

  private async markPublished(store: OutboxStore, batch: readonly PendingDocument[]): Promise<void> {
    await store.markPublished(batch.map((d) => ({ docId: d.docId, entryIds: d.entries.map((e) => e.id) })));
    this.published += batch.reduce((n, d) => n + d.entries.length, 0);
    this.lastPublishedAt = new Date().toISOString();
    this.succeeded();
  }

  /**
   * The broker acknowledged and the documents are cleared: the relay publishes again (under a
   * steady load the backlog and the new writes keep it busy, so this is not left to the end of a pass).
   */
  private succeeded(): void {
    if (this.failures) this.logger.info('outbox relay publishes again', { after: this.failures });
    this.failures = 0;
  }
}

function shareAny(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const k of small) if (large.has(k)) return true;
  return false;
}
