import { SpanKind } from '@opentelemetry/api';
import { CompressionTypes, Kafka, Partitioners } from 'kafkajs';
import { KafkaConnectionOptions } from './kafka-client.factory';
import { oneSendAtATime, PRODUCER_CONFIG, ProducerPort, ThreadedProducer } from './threaded-producer';
import { CE_HEADERS, OutgoingRecord } from '../envelope/kafka-binary-mode';
import { TopicNames } from '../topics/topic-names';
import { contextFromTraceparent, inSpan, traceparentOf } from '../tracing/trace-context';

/** The port the rest of the code publishes through, so the Kafka client can be swapped. */
export interface EventPublisher {
  publish(records: readonly OutgoingRecord[]): Promise<void>;
}

/**
 * Idempotent producer, acks from all in-sync replicas. Each record gets a `<topic> publish` span
 * continuing the trace it was born in, and that span's traceparent as the per-hop header.
 */
export class KafkaEventPublisher implements EventPublisher {
  private readonly producer: ProducerPort;
  private connected?: Promise<void>;

  /**
   * `thread`: run the producer in a worker thread with these connection settings (what services
   * do, see ThreadedProducer); without it the producer runs on the calling thread. `producer`:
   * another client behind the same port (e.g. PlatformaticProducer), which then takes both places.
   */
  constructor(
    kafka: Kafka,
    private readonly names: TopicNames,
    options: { thread?: KafkaConnectionOptions; producer?: ProducerPort } = {},
  ) {
    this.producer =
      options.producer ??
      (options.thread
        ? new ThreadedProducer(options.thread)
        : oneSendAtATime(() => kafka.producer({ ...PRODUCER_CONFIG, createPartitioner: Partitioners.DefaultPartitioner })));
  }

  connect(): Promise<void> {
    this.connected ??= this.producer.connect().catch((e) => {
      this.connected = undefined;
      throw e;
    });
    return this.connected;
  }

  async publish(records: readonly OutgoingRecord[]): Promise<void> {
    if (records.length === 0) return;
    await this.connect();
    const byTopic = new Map<string, { key: string; value: string; headers: Record<string, string>; parent?: string }[]>();
    for (const r of records) {
      const topic = this.names.physical(r.topic);
      const list = byTopic.get(topic) ?? [];
      list.push({ key: r.key, value: r.value, headers: r.headers, parent: r.parent });
      byTopic.set(topic, list);
    }
    // One span per topic batch keeps tracing cheap at sweep volumes; the first record's origin
    // is its parent, and every record carries the span as its hop.
    await Promise.all(
      [...byTopic].map(([topic, messages]) =>
        inSpan(
          `${topic} publish`,
          SpanKind.PRODUCER,
          contextFromTraceparent(messages[0].parent ?? messages[0].headers[CE_HEADERS.traceparent]),
          { 'messaging.system': 'kafka', 'messaging.destination.name': topic, 'messaging.batch.message_count': messages.length },
          async (span) => {
            const hop = traceparentOf(span);
            await this.producer.send({
              topic,
              acks: -1,
              compression: CompressionTypes.None,
              messages: messages.map((m) => ({
                key: m.key,
                value: m.value,
                headers: hop ? { ...m.headers, traceparent: hop } : m.headers,
              })),
            });
          },
        ),
      ),
    );
  }

  /** Raw send for dead letters, which keep the original bytes. */
  async sendRaw(
    topic: string,
    messages: { key: Buffer | string | null; value: Buffer | string | null; headers: Record<string, Buffer | string> }[],
  ): Promise<void> {
    await this.connect();
    await this.producer.send({ topic, acks: -1, messages });
  }

  async disconnect(): Promise<void> {
    if (this.connected) await this.producer.disconnect();
    this.connected = undefined;
  }
}
