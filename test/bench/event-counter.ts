import { Consumer, Kafka, logLevel } from 'kafkajs';

/** Counts events by CloudEvents type on some topics and remembers when each id was seen. */
export class EventCounter {
  readonly counts = new Map<string, number>();
  readonly seenAt = new Map<string, number>();
  readonly causedBy = new Map<string, number>();
  private consumer?: Consumer;

  constructor(
    private readonly brokers: string[],
    private readonly topics: string[],
  ) {}

  async start(): Promise<void> {
    const kafka = new Kafka({ clientId: 'bench-counter', brokers: this.brokers, logLevel: logLevel.NOTHING });
    this.consumer = kafka.consumer({ groupId: `bench-counter-${Date.now()}`, maxWaitTimeInMs: 20, maxBytes: 50 * 1024 * 1024 });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: this.topics, fromBeginning: true });
    let joined = false;
    this.consumer.on(this.consumer.events.GROUP_JOIN, () => (joined = true));
    await this.consumer.run({
      partitionsConsumedConcurrently: 6,
      eachBatch: async ({ batch }) => {
        const now = Date.now();
        for (const m of batch.messages) {
          const type = m.headers?.ce_type?.toString() ?? '';
          this.counts.set(type, (this.counts.get(type) ?? 0) + 1);
          const cause = m.headers?.ce_causationid?.toString();
          if (cause) this.causedBy.set(cause, now);
        }
      },
    });
    while (!joined) await new Promise((r) => setTimeout(r, 50));
  }

  count(type: string): number {
    return this.counts.get(type) ?? 0;
  }

  async waitFor(type: string, n: number, timeoutMs: number): Promise<number> {
    const t0 = Date.now();
    while (this.count(type) < n) {
      if (Date.now() - t0 > timeoutMs) throw new Error(`only ${this.count(type)} of ${n} ${type} within ${timeoutMs / 1000} s`);
      await new Promise((r) => setTimeout(r, 20));
    }
    return Date.now();
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }
}
