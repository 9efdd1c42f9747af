import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  createKafka,
  loadPlatformatic,
  oneSendAtATime,
  PlatformaticProducer,
  platformaticOptionsOf,
  PRODUCER_CONFIG,
  ProducerPort,
} from '@civil/messaging';
import type { Consumer as PlatformaticConsumer } from '@platformatic/kafka';
import { CompressionTypes, Partitioners } from 'kafkajs';
import { round, timed } from './measure';

/**
 * `npm run bench:kafka-clients`: kafkajs against @platformatic/kafka behind the producer port, in
 * one run, on the shared broker (its own topics, deleted at the end).
 * - produce: KAFKA_BENCH_MESSAGES (default 100,000) 1 KB messages over KAFKA_BENCH_KEYS keys,
 *   through each client's ProducerPort (idempotent, acks=all, no compression), in sends of 500
 *   with two handed over at once, as the outbox relay does;
 * - consume: each client reads both topics in a new group from the beginning (the rate runs from
 *   the first message read to the last one handled and committed), committing after handling (kafkajs: per batch, as EventConsumerRunner does; platformatic: the last handled
 *   offset of a partition every 500 messages and at the end);
 * - checks, on what each consumer read of each topic: every key's sequence is 0, 1, 2, … with
 *   nothing missing or doubled (per-key order and idempotence), and each key is on the same
 *   partition in both topics (both clients place keys alike).
 * Figures are printed and written to test/bench/results/kafka-clients.json.
 */
const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:19092').split(',');
const MESSAGES = Number(process.env.KAFKA_BENCH_MESSAGES ?? 100_000);
const KEYS = Number(process.env.KAFKA_BENCH_KEYS ?? 1_000);
const PARTITIONS = 3;
const PER_SEND = 500;
const COMMIT_EVERY = 500;
const prefix = `bench-kc-${randomBytes(3).toString('hex')}.`;
const CLIENTS = ['kafkajs', 'platformatic'] as const;
type ClientName = (typeof CLIENTS)[number];
const topicOf = (c: ClientName) => `${prefix}${c}`;
const connection = { brokers, clientId: 'bench-kafka-clients' };
const kafka = createKafka(connection);

/** The i-th message: key k-(i mod KEYS), its sequence within the key, a 1 KB value. */
function message(i: number) {
  const key = `k-${i % KEYS}`;
  const seq = Math.floor(i / KEYS);
  const head = JSON.stringify({ key, seq, pad: '' });
  const value = JSON.stringify({ key, seq, pad: 'x'.repeat(1024 - head.length) });
  return { key, value, headers: { ce_type: 'bench.message.v1', ce_id: `${prefix}${i}` } };
}

function producerOf(client: ClientName): ProducerPort {
  return client === 'kafkajs'
    ? oneSendAtATime(() => kafka.producer({ ...PRODUCER_CONFIG, createPartitioner: Partitioners.DefaultPartitioner }))
    : new PlatformaticProducer(connection);
}

async function produce(client: ClientName): Promise<number> {
  const producer = producerOf(client);
  await producer.connect();
  const { seconds } = await timed(async () => {
    let previous: Promise<unknown> = Promise.resolve();
    for (let from = 0; from < MESSAGES; from += PER_SEND) {
      const messages = Array.from({ length: Math.min(PER_SEND, MESSAGES - from) }, (_, j) => message(from + j));
      // two sends handed over at once; the port carries them out one after the other
      const sent = producer.send({ topic: topicOf(client), acks: -1, compression: CompressionTypes.None, messages });
      await previous;
      previous = sent;
    }
    await previous;
  });
  await producer.disconnect();
  return MESSAGES / seconds;
}

/** What a consumer read of one topic: per key, the sequences in the order read, and its partition. */
interface Reading {
  seqs: Map<string, number[]>;
  partitionOf: Map<string, number>;
}

function record(reading: Reading, partition: number, value: Buffer | null | undefined): void {
  const { key, seq } = JSON.parse(value!.toString('utf8')) as { key: string; seq: number };
  const list = reading.seqs.get(key);
  if (list) list.push(seq);
  else reading.seqs.set(key, [seq]);
  reading.partitionOf.set(key, partition);
}

async function consumeWithKafkajs(topic: string): Promise<{ rate: number; joinSeconds: number; reading: Reading }> {
  const reading: Reading = { seqs: new Map(), partitionOf: new Map() };
  const consumer = kafka.consumer({ groupId: `${topic}.kafkajs`, allowAutoTopicCreation: false, maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  let seen = 0;
  let first = 0n;
  let done!: () => void;
  const all = new Promise<void>((r) => (done = r));
  const { seconds } = await timed(async () => {
    await consumer.run({
      partitionsConsumedConcurrently: 3,
      eachBatchAutoResolve: false,
      autoCommitThreshold: 1,
      eachBatch: async ({ batch, resolveOffset, commitOffsetsIfNecessary }) => {
        first ||= process.hrtime.bigint();
        for (const m of batch.messages) {
          record(reading, batch.partition, m.value);
          resolveOffset(m.offset);
        }
        await commitOffsetsIfNecessary();
        seen += batch.messages.length;
        if (seen >= MESSAGES) done();
      },
    });
    await all;
  });
  const readSeconds = Number(process.hrtime.bigint() - first) / 1e9;
  await consumer.disconnect();
  return { rate: MESSAGES / readSeconds, joinSeconds: seconds - readSeconds, reading };
}

async function consumeWithPlatformatic(topic: string): Promise<{ rate: number; joinSeconds: number; reading: Reading }> {
  const reading: Reading = { seqs: new Map(), partitionOf: new Map() };
  const { Consumer } = loadPlatformatic();
  const { clientId, bootstrapBrokers, connectTimeout, timeout } = platformaticOptionsOf(connection);
  const consumer: PlatformaticConsumer = new Consumer({
    clientId,
    bootstrapBrokers,
    connectTimeout,
    timeout,
    groupId: `${topic}.platformatic`,
    maxWaitTime: 100,
  });
  let seen = 0;
  let first = 0n;
  let end = 0n;
  const { seconds } = await timed(async () => {
    const stream = await consumer.consume({ topics: [topic], autocommit: false, mode: 'committed', fallbackMode: 'earliest' });
    const sinceCommit = new Map<number, number>();
    const last = new Map<number, { commit: () => void | Promise<void> }>();
    for await (const m of stream) {
      first ||= process.hrtime.bigint();
      record(reading, m.partition, m.value);
      last.set(m.partition, m);
      const n = (sinceCommit.get(m.partition) ?? 0) + 1;
      sinceCommit.set(m.partition, n);
      if (n >= COMMIT_EVERY) {
        await m.commit();
        sinceCommit.set(m.partition, 0);
      }
      if (++seen >= MESSAGES) break;
    }
    for (const [partition, m] of last) if (sinceCommit.get(partition)) await m.commit();
    end = process.hrtime.bigint();
    await stream.close();
  });
  const readSeconds = Number(end - first) / 1e9;
  await consumer.close();
  return { rate: MESSAGES / readSeconds, joinSeconds: seconds - readSeconds, reading };
}

/** Problems with a reading: keys out of order, sequences missing or doubled. */
function check(reading: Reading): { outOfOrderKeys: number; missing: number; duplicates: number } {
  let outOfOrderKeys = 0;
  let missing = 0;
  let duplicates = 0;
  for (let k = 0; k < KEYS; k++) {
    const key = `k-${k}`;
    const expected = Math.floor(MESSAGES / KEYS) + (k < MESSAGES % KEYS ? 1 : 0);
    const seqs = reading.seqs.get(key) ?? [];
    if (seqs.some((s, i) => i > 0 && s <= seqs[i - 1])) outOfOrderKeys++;
    const distinct = new Set(seqs).size;
    duplicates += seqs.length - distinct;
    missing += expected - distinct;
  }
  return { outOfOrderKeys, missing, duplicates };
}

async function main(): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  const topics = CLIENTS.map(topicOf);
  const groups = topics.flatMap((t) => CLIENTS.map((c) => `${t}.${c}`));
  try {
    await admin.createTopics({
      waitForLeaders: false,
      topics: topics.map((topic) => ({ topic, numPartitions: PARTITIONS, replicationFactor: 1 })),
    });
    // a new topic reaches the broker's metadata cache a little after creation
    for (let delay = 50, until = Date.now() + 30_000; ; delay = Math.min(delay * 2, 1_000)) {
      const meta = await admin.fetchTopicMetadata({ topics }).catch(() => undefined);
      if (meta?.topics.every((t) => t.partitions.length === PARTITIONS && t.partitions.every((p) => p.leader >= 0))) break;
      if (Date.now() > until) throw new Error(`the bench topics have no leader after 30 s: ${topics.join(', ')}`);
      await new Promise((r) => setTimeout(r, delay));
    }
    const produced = {} as Record<ClientName, number>;
    for (const c of CLIENTS) produced[c] = await produce(c);
    const consumed = {} as Record<ClientName, Record<ClientName, number>>;
    const checks: Record<string, ReturnType<typeof check>> = {};
    const joined: Record<string, number> = {};
    const readings: Reading[] = [];
    for (const reader of CLIENTS) {
      consumed[reader] = {} as Record<ClientName, number>;
      for (const writer of CLIENTS) {
        const { rate, joinSeconds, reading } =
          reader === 'kafkajs' ? await consumeWithKafkajs(topicOf(writer)) : await consumeWithPlatformatic(topicOf(writer));
        consumed[reader][writer] = rate;
        joined[`${writer} topic, ${reader} read`] = round(joinSeconds, 2);
        checks[`${writer} written, ${reader} read`] = check(reading);
        readings.push(reading);
      }
    }
    const [first, ...rest] = readings;
    const keysOnAnotherPartition = rest.reduce(
      (n, r) => n + [...first.partitionOf].filter(([key, p]) => r.partitionOf.get(key) !== p).length,
      0,
    );
    const meanConsumed = (c: ClientName) => (consumed[c].kafkajs + consumed[c].platformatic) / 2;
    const figures = {
      messages: MESSAGES,
      keys: KEYS,
      partitions: PARTITIONS,
      messageBytes: 1024,
      produceMsgsPerSec: { kafkajs: round(produced.kafkajs, 0), platformatic: round(produced.platformatic, 0) },
      produceRatioPlatformaticToKafkajs: round(produced.platformatic / produced.kafkajs, 2),
      consumeMsgsPerSec: Object.fromEntries(
        CLIENTS.map((r) => [r, Object.fromEntries(CLIENTS.map((w) => [`${w} topic`, round(consumed[r][w], 0)]))]),
      ),
      // from joining the group to the first message, and the final commits and leaving; not in the rates
      consumeOverheadSeconds: joined,
      consumeRatioPlatformaticToKafkajs: round(meanConsumed('platformatic') / meanConsumed('kafkajs'), 2),
      checks,
      keysOnAnotherPartition,
      at: new Date().toISOString(),
    };
    console.log(JSON.stringify(figures, null, 2));
    const dir = join(process.cwd(), 'test/bench/results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'kafka-clients.json'), JSON.stringify(figures, null, 2) + '\n');
    const failed = Object.values(checks).some((c) => c.outOfOrderKeys || c.missing || c.duplicates) || keysOnAnotherPartition > 0;
    if (failed) {
      console.error('a per-key order, idempotence or placement check failed');
      process.exitCode = 1;
    }
  } finally {
    await admin.deleteGroups(groups).catch(() => undefined);
    await admin.deleteTopics({ topics }).catch((e: Error) => console.error(`could not delete ${topics.join(', ')}: ${e.message}`));
    await admin.disconnect();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
