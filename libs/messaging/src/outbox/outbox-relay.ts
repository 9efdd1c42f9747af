import { EventPublisher } from '../kafka/kafka-event.publisher';
import { consoleJsonLogger, MessagingLogger } from '../logger';
import { OutboxStore, PendingDocument } from './outbox-entry';

/** Events per producer send: ~1 KB each keeps a send well under Kafka's default 1 MB request limit. */
const MAX_EVENTS_PER_SEND = 500;

export interface OutboxRelayOptions {
  /** How often to look for entries nobody woke us for (after a crash); default 10 s. */
  pollIntervalMs?: number;
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
  private running?: Promise<void>;
  private again = false;
  private timer?: NodeJS.Timeout;
  private stopped = false;
  private failures = 0;
  private readonly pollIntervalMs: number;
  private readonly batchSize: number;
  private readonly logger: MessagingLogger;
  published = 0;

  constructor(
    private readonly stores: readonly OutboxStore[],
    private readonly publisher: EventPublisher,
    options: OutboxRelayOptions = {},
  ) {
    this.pollIntervalMs = options.pollIntervalMs ?? 10_000;
    this.batchSize = options.batchSize ?? 500;
    this.logger = options.logger ?? consoleJsonLogger;
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
    if (!this.stopped) void this.drain().catch(() => undefined);
  }

  /**
   * Called after a write with the entries it queued: they are published without reading the
   * documents back (one database round trip less per write).
   */
  notifyWritten(storeName: string, docs: readonly PendingDocument[]): void {
    if (docs.length === 0) return;
    const list = this.written.get(storeName) ?? [];
    list.push(...docs);
    this.written.set(storeName, list);
    if (!this.stopped) void this.drain().catch(() => undefined);
  }

  /** Publishes everything pending now, hinted or not. */
  async flush(): Promise<void> {
    this.scanRequested = true;
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
        const store = this.storeNamed(storeName);
        for (let i = 0; i < docs.length; i += this.batchSize) {
          const batch = docs.slice(i, i + this.batchSize);
          try {
            await this.publishBatch(store, batch);
          } catch (e) {
            // not lost: the entries are still in their documents; look them up again next time
            this.notify(storeName, docs.slice(i).map((d) => d.docId));
            throw e;
          }
        }
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
      if (this.scanRequested && this.written.size === 0 && this.hints.size === 0) {
        this.scanRequested = false;
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

  private storeNamed(name: string): OutboxStore {
    const store = this.stores.find((s) => s.name === name);
    if (!store) throw new Error(`outbox relay: unknown store ${name}`);
    return store;
  }

  private async publishBatch(store: OutboxStore, batch: PendingDocument[]): Promise<void> {
    if (batch.length === 0) return;
    const entries = batch.flatMap((d) => d.entries);
    // a document may hold many entries (a benefit round's bucket holds hundreds): sends stay
    // bounded in events, not documents, so no request exceeds the broker's size limit
    for (let i = 0; i < entries.length; i += MAX_EVENTS_PER_SEND) await this.publisher.publish(entries.slice(i, i + MAX_EVENTS_PER_SEND));
    await store.markPublished(batch.map((d) => ({ docId: d.docId, entryIds: d.entries.map((e) => e.id) })));
    this.published += entries.length;
  }
}
