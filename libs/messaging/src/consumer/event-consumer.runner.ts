import { SpanKind } from '@opentelemetry/api';
import { contractByType, EventContract, validatePayload } from '@civil/contracts';
import { Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import { EventEnvelope } from '../envelope/event-envelope';
import { CE_HEADERS, fromKafkaMessage, headerString, MalformedEventError } from '../envelope/kafka-binary-mode';
import { KafkaEventPublisher } from '../kafka/kafka-event.publisher';
import { consoleJsonLogger, MessagingLogger } from '../logger';
import { TopicNames } from '../topics/topic-names';
import { contextFromTraceparent, inSpan } from '../tracing/trace-context';
import { deadLetterOf, DeadLetterReason } from './dead-letter';
import { classifyFailure } from './error-classification';
import { lastDonePrefix, runKeyOrdered } from './key-ordered';

export type EventHandler = (event: EventEnvelope<unknown>) => Promise<void>;

/**
 * Takes a run of events of one partition at once, in partition order (a handler that applies them
 * in bulk groups them by key itself and keeps each key's order). It must be idempotent: a batch is
 * delivered again after a crash before its offsets were committed, or after a rebalance.
 */
export type BatchEventHandler = (events: readonly EventEnvelope<unknown>[]) => Promise<void>;

export interface ConsumerRunnerOptions {
  /** Consumer group, documented per service (the topic prefix is put before it). */
  groupId: string;
  /** Handlers by CloudEvents type; the runner subscribes to the topics of those types. */
  handlers: ReadonlyMap<string, EventHandler>;
  /**
   * Handlers that take consecutive events of their type in a partition's batch at once. The
   * offsets of a run are committed only after its handler returned (its writes durable).
   */
  batchHandlers?: ReadonlyMap<string, BatchEventHandler>;
  /** Partitions processed at once. */
  partitionConcurrency?: number;
  /** Keys processed at once inside one partition's batch. */
  keyConcurrency?: number;
  /** Attempts for a handler that fails for a reason other than an outage. */
  maxAttempts?: number;
  /** Attempts while the database or broker is unreachable, before the batch is left for later. */
  maxTransientAttempts?: number;
  backoffMs?: number;
  logger?: MessagingLogger;
  /** Time source for dead-letter timestamps. */
  now?: () => Date;
  /** A message larger than this is no event of ours: dead-lettered unread (default 1 MiB). */
  maxEventBytes?: number;
}

/** No contract event comes near this; a larger message is refused before it is parsed. */
export const MAX_EVENT_BYTES = 1024 * 1024;

/**
 * Consumes in batches, partitions in parallel, keys in parallel inside a partition, order kept
 * per key. Malformed or schema-invalid messages go to `<topic>.dlt` at once; failing handlers are
 * retried with backoff, then dead-lettered. Offsets are committed only for the prefix of a batch
 * whose effects are durable; an outage stops the batch there so it is consumed again later.
 */
export class EventConsumerRunner {
  private consumer?: Consumer;
  private readonly logger: MessagingLogger;
  private readonly now: () => Date;
  processed = 0;
  deadLettered = 0;

  constructor(
    private readonly kafka: Kafka,
    private readonly names: TopicNames,
    private readonly deadLetters: KafkaEventPublisher,
    private readonly options: ConsumerRunnerOptions,
  ) {
    this.logger = options.logger ?? consoleJsonLogger;
    this.now = options.now ?? (() => new Date());
  }

  /** Logical topics this runner reads, from the contracts of its handlers. */
  topics(): string[] {
    const topics = new Set<string>();
    for (const type of [...this.options.handlers.keys(), ...(this.options.batchHandlers?.keys() ?? [])]) {
      const contract = contractByType(type);
      if (!contract) throw new Error(`no contract for event type ${type}; add it to libs/contracts`);
      topics.add(contract.topic);
    }
    return [...topics];
  }

  async start(): Promise<void> {
    const groupId = this.names.group(this.options.groupId);
    this.consumer = this.kafka.consumer({
      groupId,
      allowAutoTopicCreation: false,
      sessionTimeout: 30_000,
      heartbeatInterval: 3_000,
      maxWaitTimeInMs: 100,
      retry: { retries: 10, initialRetryTime: 300, maxRetryTime: 10_000 },
    });
    await this.consumer.connect();
    // a new group reads from the beginning, so nothing published before its first start is lost
    await this.consumer.subscribe({ topics: this.topics().map((t) => this.names.physical(t)), fromBeginning: true });
    await this.consumer.run({
      partitionsConsumedConcurrently: this.options.partitionConcurrency ?? 3,
      eachBatchAutoResolve: false,
      autoCommitThreshold: 1,
      eachBatch: (payload) => this.onBatch(payload, groupId),
    });
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
    this.consumer = undefined;
  }

  /**
   * A partition's batch, as runs: consecutive messages of one batch-handled type go to their batch
   * handler together; the rest are handled one at a time, keys in parallel, order kept per key.
   * After each run the offsets of what is done are committed, so a crash or a rebalance redelivers
   * only the unfinished run and what follows it.
   */
  private async onBatch(payload: EachBatchPayload, groupId: string): Promise<void> {
    const { batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale } = payload;
    const origin = { topic: batch.topic, partition: batch.partition, group: groupId };
    for (const run of this.runsOf(batch.messages)) {
      if (!isRunning() || isStale()) return;
      if (run.handler) {
        try {
          await this.processRun(run.messages, run.handler, origin, heartbeat);
        } catch (error) {
          this.logger.error('batch stopped; the rest of the partition is consumed again after a back-off', {
            topic: batch.topic,
            partition: batch.partition,
            resumeOffset: run.messages[0].offset,
            error: (error as Error).message,
          });
          throw error;
        }
        resolveOffset(run.messages[run.messages.length - 1].offset);
        await commitOffsetsIfNecessary();
        continue;
      }
      const messages = run.messages;
      const { done, error } = await runKeyOrdered(
        messages,
        (m) => m.key?.toString('utf8') ?? '',
        this.options.keyConcurrency ?? 16,
        async (m) => {
          if (!isRunning() || isStale()) throw new BatchAbandoned();
          await this.process(m, batch.topic, batch.partition, groupId, heartbeat);
        },
      );
      const last = lastDonePrefix(done);
      if (last >= 0) {
        resolveOffset(messages[last].offset);
        await commitOffsetsIfNecessary();
      }
      if (error instanceof BatchAbandoned) return;
      if (error) {
        this.logger.error('batch stopped; the rest of the partition is consumed again after a back-off', {
          topic: batch.topic,
          partition: batch.partition,
          resumeOffset: messages[last + 1]?.offset,
          error: (error as Error).message,
        });
        throw error;
      }
    }
  }

  /** Consecutive messages by route: one batch handler's type, or one at a time. */
  private runsOf(messages: readonly KafkaMessage[]): { handler?: BatchEventHandler; messages: KafkaMessage[] }[] {
    const runs: { handler?: BatchEventHandler; messages: KafkaMessage[] }[] = [];
    for (const m of messages) {
      const type = headerString(m.headers, CE_HEADERS.type);
      const handler = type ? this.options.batchHandlers?.get(type) : undefined;
      const last = runs[runs.length - 1];
      if (last && last.handler === handler) last.messages.push(m);
      else runs.push({ handler, messages: [m] });
    }
    return runs;
  }

  /**
   * A run for a batch handler: each message read and checked (a malformed or schema-invalid one is
   * dead-lettered alone), the events handed over at once, retried while the database or broker is
   * out. If the handler refuses the run for another reason, its events are handled one at a time,
   * so only the event at fault is dead-lettered.
   */
  private async processRun(
    messages: readonly KafkaMessage[],
    handler: BatchEventHandler,
    origin: { topic: string; partition: number; group: string },
    heartbeat: () => Promise<void>,
  ): Promise<void> {
    const events: { m: KafkaMessage; event: EventEnvelope<unknown> }[] = [];
    for (const m of messages) {
      const event = await this.readChecked(m, origin);
      if (event) events.push({ m, event });
    }
    if (events.length === 0) return;
    const maxTransient = this.options.maxTransientAttempts ?? 8;
    for (let attempt = 1; ; attempt++) {
      try {
        await inSpan(
          `${origin.topic} receive`,
          SpanKind.CONSUMER,
          contextFromTraceparent(events[0].event.traceparent),
          {
            'messaging.system': 'kafka',
            'messaging.destination.name': origin.topic,
            'messaging.kafka.partition': origin.partition,
            'messaging.batch.message_count': events.length,
            'messaging.consumer.group.name': origin.group,
          },
          () => handler(events.map((e) => e.event)),
        );
        this.processed += events.length;
        return;
      } catch (e) {
        if (classifyFailure(e) !== 'transient') break;
        if (attempt >= maxTransient) throw e;
        this.logger.warn('batch handler failed; retrying', {
          topic: origin.topic,
          events: events.length,
          attempt,
          error: (e as Error).message,
        });
        await this.backoff(attempt, heartbeat);
      }
    }
    for (const { m, event } of events) await this.handle(m, event, (ev) => handler([ev]), origin, heartbeat);
  }

  private async process(m: KafkaMessage, topic: string, partition: number, group: string, heartbeat: () => Promise<void>): Promise<void> {
    const origin = { topic, partition, group };
    const event = await this.readChecked(m, origin);
    if (!event) return;
    await this.handle(m, event, this.options.handlers.get(event.type)!, origin, heartbeat);
  }

  /**
   * The message's event if it is one of ours and well-formed; undefined if it is another
   * consumer's (no handler) or was dead-lettered (too large, malformed, schema-invalid).
   */
  private async readChecked(
    m: KafkaMessage,
    origin: { topic: string; partition: number; group: string },
  ): Promise<EventEnvelope<unknown> | undefined> {
    const limit = this.options.maxEventBytes ?? MAX_EVENT_BYTES;
    if ((m.value?.length ?? 0) > limit) {
      await this.deadLetter(m, origin, 'malformed', `the message is ${m.value!.length} bytes; an event has at most ${limit}`, 0);
      return undefined;
    }
    let event: EventEnvelope<unknown>;
    try {
      event = fromKafkaMessage(m.headers, m.value);
    } catch (e) {
      if (e instanceof MalformedEventError) {
        await this.deadLetter(m, origin, 'malformed', e.message, 0);
        return undefined;
      }
      throw e;
    }
    if (!this.options.handlers.has(event.type) && !this.options.batchHandlers?.has(event.type)) return undefined; // another consumer's event on a shared topic
    const contract = contractByType(event.type) as EventContract<unknown>;
    const problems = validatePayload(contract, event.data);
    if (problems.length) {
      await this.deadLetter(m, origin, 'schema-invalid', `${event.type}: ${problems.join('; ')}`, 0);
      return undefined;
    }
    return event;
  }

  /** Runs the handler with retries: an outage is retried and then left on the partition; other failures end in the DLT. */
  private async handle(
    m: KafkaMessage,
    event: EventEnvelope<unknown>,
    handler: EventHandler,
    origin: { topic: string; partition: number; group: string },
    heartbeat: () => Promise<void>,
  ): Promise<void> {
    const { topic, partition, group } = origin;
    const maxAttempts = this.options.maxAttempts ?? 4;
    const maxTransient = this.options.maxTransientAttempts ?? 8;
    for (let attempt = 1; ; attempt++) {
      try {
        await inSpan(
          `${topic} receive`,
          SpanKind.CONSUMER,
          contextFromTraceparent(headerString(m.headers, 'traceparent') ?? headerString(m.headers, CE_HEADERS.traceparent)),
          {
            'messaging.system': 'kafka',
            'messaging.destination.name': topic,
            'messaging.kafka.partition': partition,
            'messaging.message.id': event.id,
            'messaging.consumer.group.name': group,
          },
          () => handler(event),
        );
        this.processed++;
        return;
      } catch (e) {
        const kind = classifyFailure(e);
        const message = (e as Error)?.message ?? String(e);
        if (kind === 'rejected') return this.deadLetter(m, origin, 'rejected', message, attempt);
        if (kind === 'failed' && attempt >= maxAttempts) return this.deadLetter(m, origin, 'retries-exhausted', message, attempt);
        if (kind === 'transient' && attempt >= maxTransient) throw e;
        this.logger.warn('handler failed; retrying', { type: event.type, id: event.id, attempt, kind, error: message });
        await this.backoff(attempt, heartbeat);
      }
    }
  }

  private async backoff(attempt: number, heartbeat: () => Promise<void>): Promise<void> {
    const base = this.options.backoffMs ?? 200;
    const delay = Math.min(base * 2 ** (attempt - 1), 5_000);
    await new Promise((r) => setTimeout(r, delay));
    await heartbeat().catch(() => undefined);
  }

  private async deadLetter(
    m: KafkaMessage,
    origin: { topic: string; partition: number; group: string },
    reason: DeadLetterReason,
    error: string,
    attempts: number,
  ): Promise<void> {
    const dlt = `${origin.topic}.dlt`;
    await this.deadLetters.sendRaw(dlt, [deadLetterOf(m, origin, reason, error, attempts, this.now())]);
    this.deadLettered++;
    this.logger.warn('message dead-lettered', { topic: origin.topic, partition: origin.partition, offset: m.offset, dlt, reason, error });
  }
}

class BatchAbandoned extends Error {
  constructor() {
    super('batch abandoned: consumer stopping or rebalancing');
  }
}
