import type { IHeaders, ProducerRecord, RecordMetadata } from 'kafkajs';
import type { Producer as PlatformaticClient, ProducerOptions, SASLOptions } from '@platformatic/kafka';
import { KafkaConnectionOptions } from '../kafka/kafka-client.factory';
import { ProducerPort } from '../kafka/threaded-producer';

type Bytes = Buffer | undefined;
type Client = PlatformaticClient<Bytes, Bytes, Bytes, Bytes>;

/** Strings and Buffers as the bytes on the wire; a missing key or value stays missing (null on the topic). */
const bytes = (v: unknown): Bytes => (v === undefined || v === null ? undefined : Buffer.isBuffer(v) ? v : Buffer.from(String(v)));

/**
 * The package, loaded when this client is chosen, through Node's own loader: it is an ES module,
 * which Node 20.19+ loads with require, and a test runner's module registry (jest's) would not.
 */
export function loadPlatformatic(): typeof import('@platformatic/kafka') {
  const { createRequire } = process.getBuiltinModule('node:module');
  return createRequire(__filename)('@platformatic/kafka') as typeof import('@platformatic/kafka');
}

/** The client settings of kafka-client.factory, in @platformatic/kafka's terms. */
export function platformaticOptionsOf(options: KafkaConnectionOptions): ProducerOptions<Bytes, Bytes, Bytes, Bytes> {
  return {
    clientId: options.clientId,
    bootstrapBrokers: options.brokers,
    tls: options.ssl ? {} : undefined,
    sasl: options.sasl
      ? ({
          mechanism: options.sasl.mechanism.toUpperCase(),
          username: options.sasl.username,
          password: options.sasl.password,
        } as SASLOptions)
      : undefined,
    connectTimeout: 5_000,
    timeout: 30_000,
    // as with kafkajs: retries are limited (an outage must surface), backing off from 200 ms to 10 s
    retries: 8,
    retryDelay: (_client, _operation, attempt) => Math.min(200 * 2 ** Math.max(0, attempt - 1), 10_000),
    autocreateTopics: false,
    idempotent: true,
    serializers: { key: bytes, value: bytes, headerKey: bytes, headerValue: bytes },
  };
}

/**
 * The producer port (connect, send a kafkajs-shaped record, disconnect) on @platformatic/kafka:
 * idempotent, acks from all in-sync replicas, one request in flight per broker connection.
 *
 * Keys go to the partition kafkajs and the Java client choose (murmur2, sign bit cleared):
 * the library's own default keeps the sign bit, which sends some keys elsewhere, so a key's events
 * written by both clients during a switch would land on two partitions and lose their order.
 *
 * As in oneSendAtATime, sends go one at a time in call order (the library takes a partition's next
 * sequence number from what was acknowledged, so two sends at once would reuse one), and after a
 * failed send the client is replaced by one with a new producer id before the next send (a request
 * the broker wrote but never answered would otherwise make the next one a "duplicate").
 */
export class PlatformaticProducer implements ProducerPort {
  private client?: Client;
  private ready?: Promise<void>;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: KafkaConnectionOptions) {}

  connect(): Promise<void> {
    this.ready ??= this.open().catch((e: unknown) => {
      this.ready = undefined;
      throw e;
    });
    return this.ready;
  }

  send(record: ProducerRecord): Promise<RecordMetadata[]> {
    const sent = this.queue.then(async () => {
      await this.connect();
      try {
        await this.client!.send({
          messages: record.messages.map((m) => ({
            topic: record.topic,
            key: bytes(m.key),
            value: bytes(m.value),
            headers: headersOf(m.headers),
            partition: m.partition,
            timestamp: m.timestamp === undefined ? undefined : BigInt(m.timestamp),
          })),
        });
        return [] as RecordMetadata[]; // nothing reads the record metadata
      } catch (e) {
        await this.replace();
        throw e;
      }
    });
    this.queue = sent.catch(() => undefined);
    return sent;
  }

  async disconnect(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.ready = undefined;
    await client?.close();
  }

  private async open(): Promise<void> {
    const { Producer, compatibilityPartitioner } = loadPlatformatic();
    const client: Client = new Producer({ ...platformaticOptionsOf(this.options), partitioner: compatibilityPartitioner });
    this.client = client;
    await client.initIdempotentProducer({});
  }

  private async replace(): Promise<void> {
    const old = this.client;
    this.client = undefined;
    this.ready = undefined;
    await old?.close().catch(() => undefined);
  }
}

/**
 * Headers as a plain object, names and values made bytes by the serializers. Not a Map: the
 * library tells one by `instanceof Map`, which fails for a Map of another realm (a test runner's
 * sandbox), and would then drop every header.
 */
function headersOf(headers: IHeaders | undefined): Record<string, Bytes> | undefined {
  if (!headers) return undefined;
  const out: Record<string, Bytes> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (v === undefined) continue;
    if (Array.isArray(v)) throw new Error(`header ${k}: one value per header name`);
    out[k] = bytes(v);
  }
  return out;
}
