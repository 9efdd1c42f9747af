import { Consumer, Kafka, KafkaMessage, logLevel } from 'kafkajs';
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
  private consumer?: Consumer;

  constructor(private readonly topics: string[]) {}

  async start(): Promise<this> {
    const kafka = new Kafka({ clientId: 'test-recorder', brokers: kafkaBrokers(), logLevel: logLevel.NOTHING });
    this.consumer = kafka.consumer({ groupId: `recorder-${Math.random().toString(36).slice(2)}`, maxWaitTimeInMs: 50 });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: this.topics, fromBeginning: true });
    let assigned = false;
    this.consumer.on(this.consumer.events.GROUP_JOIN, () => (assigned = true));
    await this.consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        this.messages.push(toRecorded(topic, partition, message));
      },
    });
    await waitFor('the recorder to join its group', () => assigned, 30_000);
    return this;
  }

  of(topic: string, type?: string): RecordedMessage[] {
    return this.messages.filter((m) => m.topic === topic && (!type || m.headers.ce_type === type));
  }

  async waitForCount(topic: string, count: number, type?: string, timeoutMs = 30_000): Promise<RecordedMessage[]> {
    return waitFor(`${count} message(s) ${type ?? ''} on ${topic} (have ${this.of(topic, type).length})`, () => {
      const found = this.of(topic, type);
      return found.length >= count ? found : undefined;
    }, timeoutMs);
  }

  async stop(): Promise<void> {
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
