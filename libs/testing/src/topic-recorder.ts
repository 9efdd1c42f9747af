import { Admin, Consumer, Kafka, KafkaMessage, logLevel } from 'kafkajs';
import { kafkaBrokers } from './infra';
import { waitFor } from './wait';

export interface RecordedMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  headers: Record<string, string>;
  value: string | null;
  /** The JSON value, when it is JSON. */
  json?: any;
}

/**
 * Records every message on some physical topics (from the beginning), for assertions on what
 * really went over the wire.
 */
export class TopicRecorder {
  readonly messages: RecordedMessage[] = [];
  private kafka?: Kafka;
  private consumer?: Consumer;
  private admin?: Admin;
  /** Highest offset recorded per `topic:partition`, so `caughtUp` can compare it with the log end. */
  private readonly consumedUpTo = new Map<string, bigint>();

  /** `brokers`: another cluster than the shared one (a fault test's own broker). */
  constructor(
    private readonly topics: string[],
    private readonly brokers: string[] = kafkaBrokers(),
  ) {}

  async start(): Promise<this> {
    this.kafka = new Kafka({ clientId: 'test-recorder', brokers: this.brokers, logLevel: logLevel.NOTHING });
    this.consumer = this.kafka.consumer({ groupId: `recorder-${Math.random().toString(36).slice(2)}`, maxWaitTimeInMs: 50 });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: this.topics, fromBeginning: true });
    let assigned = false;
    this.consumer.on(this.consumer.events.GROUP_JOIN, () => (assigned = true));
    await this.consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        this.messages.push(toRecorded(topic, partition, message));
        const key = `${topic}:${partition}`;
        const offset = BigInt(message.offset);
        if ((this.consumedUpTo.get(key) ?? -1n) < offset) this.consumedUpTo.set(key, offset);
      },
    });
    await waitFor('the recorder to join its group', () => assigned, 30_000);
    return this;
  }

  of(topic: string, type?: string): RecordedMessage[] {
    return this.messages.filter((m) => m.topic === topic && (!type || m.headers.ce_type === type));
  }

  async waitForCount(topic: string, count: number, type?: string, timeoutMs = 30_000): Promise<RecordedMessage[]> {
    return waitFor(
      `${count} message(s) ${type ?? ''} on ${topic} (have ${this.of(topic, type).length})`,
      () => {
        const found = this.of(topic, type);
        return found.length >= count ? found : undefined;
      },
      timeoutMs,
    );
  }

  /**
   * Waits for `count` messages with one key (of one type, if given) on a topic. Other keys' messages
   * on the same topic do not count, so a test of one aggregate is not satisfied early by another's.
   */
  async waitForKey(topic: string, key: string, count: number, type?: string, timeoutMs = 30_000): Promise<RecordedMessage[]> {
    return waitFor(
      `${count} message(s) ${type ?? ''} keyed ${key} on ${topic} (have ${this.of(topic, type).filter((m) => m.key === key).length})`,
      () => {
        const found = this.of(topic, type).filter((m) => m.key === key);
        return found.length >= count ? found : undefined;
      },
      timeoutMs,
    );
  }

  /**
   * Waits until every message already written to the recorded topics (their end offsets now) has
   * been recorded. A producer's ack (e.g. after `OutboxRelay.flush()`) says the broker has a
   * message, not that this recorder has read it; call this before asserting that something was
   * NOT published, or that exactly N were, so a stray message is seen rather than still in flight.
   */
  async caughtUp(timeoutMs = 30_000): Promise<void> {
    if (!this.kafka) throw new Error('TopicRecorder.caughtUp() called before start()');
    if (!this.admin) {
      this.admin = this.kafka.admin();
      await this.admin.connect();
    }
    const targets: { key: string; last: bigint }[] = [];
    for (const topic of this.topics) {
      for (const p of await this.admin.fetchTopicOffsets(topic)) {
        // `high` is the next offset to be written; an empty (or fully expired) partition has nothing to read
        const high = BigInt(p.high);
        if (high > BigInt(p.low)) targets.push({ key: `${topic}:${p.partition}`, last: high - 1n });
      }
    }
    const behind = () => targets.filter((t) => (this.consumedUpTo.get(t.key) ?? -1n) < t.last);
    await waitFor(`the recorder to catch up with ${this.topics.join(', ')}`, () => behind().length === 0, timeoutMs).catch((e: Error) => {
      const detail = behind().map((t) => `${t.key} at ${this.consumedUpTo.get(t.key) ?? 'nothing'} of ${t.last}`);
      throw new Error(`${e.message}; behind: ${detail.join('; ')}`);
    });
  }

  async stop(): Promise<void> {
    await this.admin?.disconnect();
    await this.consumer?.disconnect();
  }
}

function toRecorded(topic: string, partition: number, m: KafkaMessage): RecordedMessage {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(m.headers ?? {})) if (v !== undefined) headers[k] = (Array.isArray(v) ? v[0] : v).toString();
  const value = m.value?.toString('utf8') ?? null;
  let json: unknown;
  try {
    json = value ? JSON.parse(value) : undefined;
  } catch {
    json = undefined;
  }
  return { topic, partition, offset: m.offset, key: m.key?.toString('utf8') ?? null, headers, value, json };
}
