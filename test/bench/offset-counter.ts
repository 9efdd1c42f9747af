import { Admin, Kafka, logLevel } from 'kafkajs';

/**
 * Counts the messages on a topic from its partitions' offsets, without reading them: for a topic
 * that only the measured writer uses, that is the number of its events, and polling it costs the
 * machine nothing next to a consumer decoding a million records while the round runs.
 */
export class OffsetCounter {
  private admin?: Admin;
  private last = 0;

  constructor(
    private readonly brokers: string[],
    private readonly topic: string,
  ) {}

  async start(): Promise<void> {
    this.admin = new Kafka({ clientId: 'bench-offsets', brokers: this.brokers, logLevel: logLevel.NOTHING }).admin();
    await this.admin.connect();
  }

  async count(): Promise<number> {
    const offsets = await this.admin!.fetchTopicOffsets(this.topic);
    this.last = offsets.reduce((n, p) => n + Number(p.high) - Number(p.low), 0);
    return this.last;
  }

  /** Resolves with the time the topic first held `n` messages (polled every 100 ms). */
  async waitFor(n: number, timeoutMs: number): Promise<number> {
    const t0 = Date.now();
    while ((await this.count()) < n) {
      if (Date.now() - t0 > timeoutMs) throw new Error(`only ${this.last} of ${n} messages on ${this.topic} within ${timeoutMs / 1000} s`);
      await new Promise((r) => setTimeout(r, 100));
    }
    return Date.now();
  }

  async stop(): Promise<void> {
    await this.admin?.disconnect();
  }
}
