import type { OutboxRelay } from '@civil/messaging';
import { TransientWriteError } from './write-errors';

/**
 * Hands a run's writes to the outbox relay no faster than it publishes them. The relay sends
 * everything announced to it in one produce request per pass, and Kafka refuses a request whose
 * batch for one partition is over its message size limit (1 MB by default): keeping at most
 * `limit` entries announced and unpublished keeps every request well under it, and lets the
 * database write the next bucket while Kafka takes the last.
 */
export class RelayPacer {
  private announced = 0;
  /** Time spent waiting for the relay (for the run's log). */
  waitedMs = 0;
  private readonly base: number;

  constructor(
    private readonly relay: Pick<OutboxRelay, 'published'>,
    private readonly limit: number,
    private readonly stallMs = 60_000,
  ) {
    this.base = relay.published;
  }

  private inFlight(): number {
    return this.announced - (this.relay.published - this.base);
  }

  /** Waits until `n` more entries may be announced; throws if the relay makes no progress. */
  async admit(n: number): Promise<void> {
    let lastPublished = this.relay.published;
    let since = Date.now();
    const started = since;
    while (this.inFlight() > 0 && this.inFlight() + n > this.limit) {
      await new Promise((r) => setTimeout(r, 2));
      if (this.relay.published !== lastPublished) {
        lastPublished = this.relay.published;
        since = Date.now();
      } else if (Date.now() - since > this.stallMs) {
        throw new TransientWriteError('the outbox relay made no progress; what was written stays and is published once it does');
      }
    }
    this.waitedMs += Date.now() - started;
    this.announced += n;
  }
}
