import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { ALL_TOPICS } from '@civil/contracts';
import { MessagingLogger, TopicNames } from '@civil/messaging';
import { Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import { recordOf } from '../application/read-record';
import { LineageStore } from './lineage.store';

export const LINEAGE_CONSUMER_OPTIONS = Symbol('LINEAGE_CONSUMER_OPTIONS');

export interface LineageConsumerOptions {
  groupId: string;
  partitionConcurrency: number;
  maxBytesPerPartition: number;
  logger: MessagingLogger;
}

/**
 * Reads every contract topic and every dead-letter topic from the beginning, in batches: each
 * partition's batch is stored by one bulk insert and its offsets are committed only once the
 * insert is acknowledged (journaled), so a crash redelivers at most what was not yet committed,
 * and storing it again adds nothing. A record that is no event is stored as such; nothing stops
 * a partition but the database being unreachable (then the batch is read again after a back-off).
 */
@Injectable()
export class LineageConsumer implements OnApplicationShutdown {
  private consumer?: Consumer;
  /** Records stored (new or already there) since start: for tests and the bench. */
  stored = 0;

  constructor(
    private readonly kafka: Kafka,
    private readonly names: TopicNames,
    private readonly store: LineageStore,
    @Inject(LINEAGE_CONSUMER_OPTIONS) private readonly options: LineageConsumerOptions,
  ) {}

  /** Physical topics read: each contract topic and its dead-letter topic. */
  topics(): string[] {
    return ALL_TOPICS.flatMap((t) => [this.names.physical(t.name), this.names.deadLetter(t.name)]);
  }

  groupId(): string {
    return this.names.group(this.options.groupId);
  }

  async start(): Promise<void> {
    if (this.consumer) return;
    const consumer = this.kafka.consumer({
      groupId: this.groupId(),
      allowAutoTopicCreation: false,
      sessionTimeout: 30_000,
      heartbeatInterval: 3_000,
      // under load a fetch waits a little for more, so batches (and bulk inserts) are larger and fewer
      minBytes: 512 * 1024,
      maxWaitTimeInMs: 500,
      maxBytesPerPartition: this.options.maxBytesPerPartition,
      retry: { retries: 10, initialRetryTime: 300, maxRetryTime: 10_000 },
    });
    await consumer.connect();
    await consumer.subscribe({ topics: this.topics(), fromBeginning: true });
    await consumer.run({
      partitionsConsumedConcurrently: this.options.partitionConcurrency,
      eachBatchAutoResolve: false,
      autoCommit: false,
      eachBatch: (payload) => this.onBatch(consumer, payload),
    });
    this.consumer = consumer;
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
    this.consumer = undefined;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  private async onBatch(consumer: Consumer, payload: EachBatchPayload): Promise<void> {
    const { batch, resolveOffset, isRunning, isStale } = payload;
    if (batch.messages.length === 0 || !isRunning() || isStale()) return;
    const records = batch.messages.map((message) => recordOf(this.names, { topic: batch.topic, partition: batch.partition, message }));
    try {
      await this.store.insertBatch(records);
    } catch (error) {
      this.options.logger.error('lineage batch not stored; the partition is read again from its last commit', {
        topic: batch.topic,
        partition: batch.partition,
        firstOffset: batch.firstOffset(),
        error: (error as Error).message,
      });
      throw error;
    }
    this.stored += records.length;
    const last = batch.messages[batch.messages.length - 1].offset;
    resolveOffset(last);
    // the next offset to read, committed only now that the batch is durable
    await consumer.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: String(Number(last) + 1) }]);
  }
}
