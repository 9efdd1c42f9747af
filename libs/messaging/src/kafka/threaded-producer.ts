import type { Producer, ProducerRecord } from 'kafkajs';
import { Worker } from 'node:worker_threads';
import { consoleJsonLogger, MessagingLogger } from '../logger';
import { KafkaConnectionOptions, kafkaConfigOf, logKafka } from './kafka-client.factory';

/** The part of a kafkajs producer the publisher uses. Sends are carried out one at a time, in call order. */
export type ProducerPort = Pick<Producer, 'connect' | 'send' | 'disconnect'>;

/**
 * A producer on the calling thread whose sends go one at a time, in call order: kafkajs's
 * idempotent producer can put two concurrent sends to one partition out of sequence.
 *
 * After a failed send the producer is replaced by a new one (a new producer id) before the next
 * send. kafkajs takes a failed request's sequence numbers back; if the broker had in fact written
 * it (a timeout, a broker killed after its append), the next request reuses those numbers, and
 * the broker answers DUPLICATE_SEQUENCE_NUMBER for different events, which kafkajs counts as
 * success: those events would be acknowledged and never stored. Or the broker has lost its state
 * for the producer and refuses every later request with OUT_OF_ORDER_SEQUENCE_NUMBER. A new
 * producer id starts a fresh sequence: the relay re-sends what failed (at least once, never lost).
 */
export function oneSendAtATime(create: () => Producer): ProducerPort {
  let producer = create();
  let connected: Promise<void> | undefined;
  const connect = () =>
    (connected ??= producer.connect().catch((e: unknown) => {
      connected = undefined;
      throw e;
    }));
  const replace = async () => {
    const old = producer;
    producer = create();
    connected = undefined;
    await old.disconnect().catch(() => undefined);
  };
  let queue: Promise<unknown> = Promise.resolve();
  return {
    connect,
    disconnect: () => {
      connected = undefined;
      return producer.disconnect();
    },
    send: (record) => {
      const sent = queue.then(async () => {
        await connect();
        try {
          return await producer.send(record);
        } catch (e) {
          await replace();
          throw e;
        }
      });
      queue = sent.catch(() => undefined);
      return sent;
    },
  };
}

/** The producer thread's old-generation heap, in MB. */
const PRODUCER_THREAD_HEAP_MB = 64;

/** The producer settings, one place for both threads. */
export const PRODUCER_CONFIG = { idempotent: true, maxInFlightRequests: 5, allowAutoTopicCreation: false } as const;

type Call = { id: number; kind: 'connect' } | { id: number; kind: 'disconnect' } | { id: number; kind: 'send'; record: ProducerRecord };
type Reply =
  | { kind: 'done'; id: number; error?: { name: string; message: string; retriable?: boolean } }
  | { kind: 'log'; level: number; message: string; fields: Record<string, unknown> };

/**
 * The body of the producer's worker thread. It is started from its own source text (below), so it
 * must not use anything from outside itself: it requires kafkajs by the path the parent resolved.
 */
function producerThread(): void {
  const { parentPort, workerData } = require('node:worker_threads');
  const { Kafka, Partitioners } = require(workerData.kafkajs);
  const plain = (fields: unknown) => {
    try {
      return JSON.parse(JSON.stringify(fields));
    } catch {
      return {};
    }
  };
  const kafka = new Kafka({
    ...workerData.config,
    logCreator:
      () =>
      ({ level, log }: { level: number; log: { message: string } }) => {
        const { message, ...fields } = log;
        parentPort.postMessage({ kind: 'log', level, message, fields: plain(fields) });
      },
  });
  const create = () => kafka.producer({ ...workerData.producer, createPartitioner: Partitioners.DefaultPartitioner });
  let producer = create();
  // a Buffer arrives as a plain Uint8Array (dead letters keep the original bytes): make it a Buffer again
  const bytes = (v: unknown) => (v instanceof Uint8Array && !Buffer.isBuffer(v) ? Buffer.from(v.buffer, v.byteOffset, v.byteLength) : v);
  const revive = (record: { messages: { key?: unknown; value?: unknown; headers?: Record<string, unknown> }[] }) => ({
    ...record,
    messages: record.messages.map((m) => ({
      ...m,
      key: bytes(m.key),
      value: bytes(m.value),
      headers: m.headers && Object.fromEntries(Object.entries(m.headers).map(([k, v]) => [k, bytes(v)])),
    })),
  });
  // connected once, on the first call of any kind: a thread started again after the last one died
  // connects itself before its first send
  let ready: Promise<void> | undefined;
  const connect = () =>
    (ready ??= producer.connect().catch((e: unknown) => {
      ready = undefined;
      throw e;
    }));
  const handle = async (call: { id: number; kind: string; record?: unknown }) => {
    try {
      if (call.kind === 'connect') await connect();
      else if (call.kind === 'send') {
        await connect();
        try {
          await producer.send(revive(call.record as Parameters<typeof revive>[0]));
        } catch (e) {
          // a new producer id before the next send (see oneSendAtATime)
          const old = producer;
          producer = create();
          ready = undefined;
          await old.disconnect().catch(() => undefined);
          throw e;
        }
      } else if (call.kind === 'disconnect') await producer.disconnect();
      parentPort.postMessage({ kind: 'done', id: call.id });
    } catch (e) {
      const err = e as { name?: string; message?: string; retriable?: boolean };
      parentPort.postMessage({
        kind: 'done',
        id: call.id,
        error: { name: err.name ?? 'Error', message: err.message ?? String(e), retriable: err.retriable },
      });
    }
  };
  // one call at a time, in the order they came: kafkajs's idempotent producer gives a partition's
  // sequence numbers when a request is built and takes them back when it fails, so two sends at
  // once can reach the broker out of order (OUT_OF_ORDER_SEQUENCE_NUMBER). The next call waits
  // here, already across, so the parent prepares it while this one is on its way.
  let queue: Promise<void> = Promise.resolve();
  parentPort.on('message', (call: { id: number; kind: string; record?: unknown }) => {
    queue = queue.then(() => handle(call));
  });
}

/**
 * A kafkajs producer running in a worker thread. Encoding records is most of what publishing
 * costs, and on the main thread a benefit round's million events would compete with everything
 * else the service does (HTTP, consumers, the round's own database work) for one core. Spans stay
 * on the main thread with the publisher; connect, send and disconnect cross, and their outcomes
 * come back.
 *
 * The worker is started on first use and again after it dies, and connects before its first send;
 * calls in flight when it dies fail (the relay keeps their events and retries).
 */
export class ThreadedProducer implements ProducerPort {
  private worker?: Worker;
  private seq = 0;
  private readonly calls = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
  private readonly logger: MessagingLogger;

  constructor(private readonly options: KafkaConnectionOptions) {
    this.logger = options.logger ?? consoleJsonLogger;
  }

  async connect(): Promise<void> {
    await this.call({ kind: 'connect' });
  }

  async send(record: ProducerRecord): Promise<never[]> {
    // a Buffer would carry its whole backing memory across (a slice of a fetch response, or the
    // 8 KB pool): only its own bytes go
    const own = (v: unknown) => (Buffer.isBuffer(v) ? new Uint8Array(v) : v);
    const messages = record.messages.map((m) => ({
      ...m,
      key: own(m.key),
      value: own(m.value),
      headers: m.headers && Object.fromEntries(Object.entries(m.headers).map(([k, v]) => [k, own(v)])),
    }));
    await this.call({ kind: 'send', record: { ...record, messages } as ProducerRecord });
    return []; // the record metadata stays in the worker; nothing here reads it
  }

  async disconnect(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    try {
      await this.call({ kind: 'disconnect' });
    } finally {
      this.worker = undefined;
      await worker.terminate();
    }
  }

  private call(call: { kind: 'connect' } | { kind: 'disconnect' } | { kind: 'send'; record: ProducerRecord }): Promise<void> {
    const worker = this.started();
    const id = ++this.seq;
    // a call in flight keeps the process alive; an idle producer does not
    if (this.calls.size === 0) worker.ref();
    return new Promise<void>((resolve, reject) => {
      worker.postMessage({ ...call, id } as Call); // throws (and settles nothing) if the record cannot be cloned
      this.calls.set(id, { resolve, reject });
    }).finally(() => {
      if (this.calls.size === 0 && this.worker === worker) worker.unref();
    });
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(`(${producerThread.toString()})()`, {
      eval: true,
      // the thread holds only the records in flight; without a limit its heap grows as the main
      // thread's may, doubling the service's memory under load. Out of memory, it exits: the calls
      // in flight fail (their outbox entries stay and are sent again) and the next call starts a new one.
      resourceLimits: { maxOldGenerationSizeMb: PRODUCER_THREAD_HEAP_MB },
      workerData: {
        kafkajs: require.resolve('kafkajs'),
        config: kafkaConfigOf({ ...this.options, logger: undefined }),
        producer: PRODUCER_CONFIG,
      },
    });
    worker.on('message', (reply: Reply) => {
      if (reply.kind === 'log') return logKafka(this.logger, reply.level, reply.message, reply.fields);
      const pending = this.calls.get(reply.id);
      if (!pending) return;
      this.calls.delete(reply.id);
      if (!reply.error) return pending.resolve();
      pending.reject(Object.assign(new Error(reply.error.message), { name: reply.error.name, retriable: reply.error.retriable }));
    });
    const fail = (e: Error) => {
      if (this.worker === worker) this.worker = undefined;
      for (const [id, pending] of this.calls) {
        this.calls.delete(id);
        pending.reject(e);
      }
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the Kafka producer thread exited (code ${code})`)));
    this.worker = worker;
    return worker;
  }
}
