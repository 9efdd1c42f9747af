import { EventPublisher } from '../kafka/kafka-event.publisher';
import { consoleJsonLogger, MessagingLogger } from '../logger';
import { OutboxStore, PendingDocument } from './outbox-entry';

/** Events per producer send: ~1 KB each keeps a send well under Kafka's default 1 MB request limit. */
const MAX_EVENTS_PER_SEND = 500;
/** Sends of announced entries handed to the publisher at once (only when they share no key). */
const MAX_SENDS_IN_FLIGHT = 2;
/** A wake-up this recent means writers are announcing their entries: the relay is in a burst. */
const BURST_QUIET_MS = 1_000;
/** The recovery scan reads whole collections: it takes at most about 1/SCAN_DUTY of the time. */
const SCAN_DUTY = 10;

export interface OutboxRelayOptions {
  /** How often to look for entries nobody woke us for (after a crash); default 10 s. */
  pollIntervalMs?: number;
  /**
   * During a burst of announced writes the recovery scan waits, at most this long after the last
   * one (default 5 min). Entries a crashed writer left are found by the scan at start-up at once.
   */
  maxScanDeferralMs?: number;
  batchSize?: number;
  logger?: MessagingLogger;
}

/**
 * Publishes events left in aggregate documents, then removes them. Woken right after each write
 * with the ids written (low latency, no scan) and polling on a timer for anything left behind by
 * a crash. Publishing happens before removal, so a crash in between re-sends: delivery is at
 * least once and consumers de-duplicate on ce_source + ce_id.
 */
export class OutboxRelay {
  private readonly hints = new Map<string, Set<unknown>>();
  private readonly written = new Map<string, PendingDocument[]>();
  private scanRequested = true;
  /** flush(): scan now, burst or not. */
  private scanForced = false;
  private lastWokenAt = 0;
  private lastScanAt = 0;
  private lastScanMs = 0;
  private running?: Promise<void>;
  private again = false;
  private timer?: NodeJS.Timeout;
  private stopped = false;
  private failures = 0;
  private readonly pollIntervalMs: number;
  private readonly maxScanDeferralMs: number;
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
    this.maxScanDeferralMs = options.maxScanDeferralMs ?? 300_000;
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

  start(): void {
    this.stopped = false;
    this.schedulePoll(0);
  }

  /** Called after a write that queued events in the given documents. */
  notify(storeName: string, ids: readonly unknown[]): void {
    const set = this.hints.get(storeName) ?? new Set<unknown>();
    ids.forEach((id) => set.add(id));
    this.hints.set(storeName, set);
    this.lastWokenAt = Date.now();
    if (!this.stopped) void this.drain().catch(() => undefined);
  }

  /**
   * Called after a write with the entries it queued: they are published without reading the
   * documents back (one database round trip less per write).
   */
  notifyWritten(storeName: string, docs: readonly PendingDocument[]): void {
    if (docs.length === 0) return;
    const list = this.written.get(storeName) ?? [];
    for (const d of docs) list.push(d);
    this.written.set(storeName, list);
    this.lastWokenAt = Date.now();
    if (!this.stopped) void this.drain().catch(() => undefined);
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
      this.logger.warn('outbox relay stopped with events still pending; they are published on the next start', { error: (e as Error).message });
    }
  }

  private schedulePoll(delay: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.scanRequested = true;
      this.drain()
        .catch(() => undefined)
        .finally(() => this.schedulePoll(this.failures ? Math.min(this.pollIntervalMs * 2 ** this.failures, 30_000) : this.pollIntervalMs));
    }, delay);
    this.timer.unref();
  }

  /**
   * Whether a requested recovery scan runs now. It reads every document of every outbox
   * collection (a million people are a million documents), so a poll does not start one sooner
   * than SCAN_DUTY times the last scan's length after it, nor in the middle of a burst of
   * announced writes (whose entries the relay has already) unless it has waited maxScanDeferralMs.
   */
  private scanDue(now: number): boolean {
    if (this.scanForced || this.lastScanAt === 0) return true;
    const since = now - this.lastScanAt;
    if (since < Math.max(this.pollIntervalMs, SCAN_DUTY * this.lastScanMs)) return false;
    return now - this.lastWokenAt >= BURST_QUIET_MS || since >= this.maxScanDeferralMs;
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
      while (this.written.size) {
        const [storeName, docs] = this.written.entries().next().value as [string, PendingDocument[]];
        this.written.delete(storeName);
        await this.publishWritten(this.storeNamed(storeName), storeName, docs);
      }
      while (this.hints.size) {
        const [storeName, ids] = this.hints.entries().next().value as [string, Set<unknown>];
        this.hints.delete(storeName);
        const store = this.storeNamed(storeName);
        const all = [...ids];
        for (let i = 0; i < all.length; i += this.batchSize) {
          await this.publishBatch(store, await store.pending(this.batchSize, all.slice(i, i + this.batchSize)));
        }
      }
      // the recovery scan reads the whole collection on servers without secondary indexes; it
      // runs when the relay has caught up with its own writes, never in the middle of a burst
      if (this.scanRequested && this.written.size === 0 && this.hints.size === 0 && this.scanDue(Date.now())) {
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
      this.failures = 0;
    } catch (e) {
      this.failures += 1;
      this.scanRequested = true;
      this.logger.error('outbox relay could not publish; events stay in their documents and are retried', {
        error: (e as Error).message,
        attempt: this.failures,
      });
      throw e;
    }
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
      this.notify(storeName, docs.slice(removed).map((d) => d.docId));
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
    const entries = batch.flatMap((d) => d.entries);
    // a document may hold many entries (a benefit round's bucket holds hundreds): sends stay
    // bounded in events, not documents, so no request exceeds the broker's size limit
    for (let i = 0; i < entries.length; i += MAX_EVENTS_PER_SEND) await this.publisher.publish(entries.slice(i, i + MAX_EVENTS_PER_SEND));
  }

  private async markPublished(store: OutboxStore, batch: readonly PendingDocument[]): Promise<void> {
    await store.markPublished(batch.map((d) => ({ docId: d.docId, entryIds: d.entries.map((e) => e.id) })));
    this.published += batch.reduce((n, d) => n + d.entries.length, 0);
  }
}

function shareAny(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const k of small) if (large.has(k)) return true;
  return false;
}
