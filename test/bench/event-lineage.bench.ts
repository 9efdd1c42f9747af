import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_TOPICS, DailyReportTopic, ReportMissedV1 } from '@civil/contracts';
import { createApp, EventLineageConfig, LineageConsumer, LineageStore, recordOf } from '@civil/event-lineage';
import { createEvent, createKafka, ensureTopics, TopicNames, toKafkaRecord } from '@civil/messaging';
import { connectMongo } from '@civil/persistence';
import { loadConfig } from '@civil/platform';
import { TEST_AUDIENCE, TEST_ISSUER, testPublicKey, tokenFor } from '@civil/testing';
import { Partitioners } from 'kafkajs';
import { peakRssMb, percentile, pool, round, timed } from './measure';

/**
 * `npm run bench:lineage`: what event-lineage costs, against baselines measured in the same run.
 * - store: LINEAGE_BENCH_EVENTS events (default 1,000,000; flows of 10) through the service's own
 *   insert path (LineageStore.insertBatch, batches of 1,000 as the consumer hands them over) —
 *   against raw unordered bulk inserts of the same documents into a plain collection;
 * - lookups: LINEAGE_BENCH_LOOKUPS flows by correlation id over HTTP (GET /api/flows/:id), 4 at a
 *   time: p50 / p99 (target p99 ≤ 1 s); LINEAGE_BENCH_SCAN_LOOKUPS (default 20) events by subject
 *   within the run's month, and by type within one day, one at a time (GET /api/events): p50 / p99;
 * - ingestion from Kafka: LINEAGE_BENCH_KAFKA_EVENTS events produced while the service does not
 *   read (kafkajs alone: the producer baseline), then the time it takes to store that backlog; and
 *   live, produced while it reads, time until all are stored (target ≥ 5,000 events/s).
 * Documents are generated a batch at a time, so the process holds one batch per insert in flight,
 * whatever the size; its peak resident set (VmHWM) is reported with the figures.
 * Figures are printed and written to test/bench/results/event-lineage.json.
 */
const mongoUrl = process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27117';
const brokers = process.env.KAFKA_BROKERS ?? '127.0.0.1:19092';
const EVENTS = Number(process.env.LINEAGE_BENCH_EVENTS ?? 1_000_000);
const LOOKUPS = Number(process.env.LINEAGE_BENCH_LOOKUPS ?? 500);
const SCAN_LOOKUPS = Number(process.env.LINEAGE_BENCH_SCAN_LOOKUPS ?? 20);
const KAFKA_EVENTS = Number(process.env.LINEAGE_BENCH_KAFKA_EVENTS ?? 50_000);
const RAW_EVENTS = Math.min(EVENTS, Number(process.env.LINEAGE_BENCH_RAW_EVENTS ?? 100_000));
const BATCH = 1_000;
const FLOW = 10;
const id = randomBytes(3).toString('hex');
const prefix = `bench-${id}.`;
const names = new TopicNames(prefix);
const topic = names.physical(DailyReportTopic.name);

const dayOf = (i: number) => `2026-03-${String((i % 28) + 1).padStart(2, '0')}`;

/** The i-th event as it comes off the daily-report topic: flows of 10, regions across 德清's townships. */
function kafkaRecord(i: number, run: string) {
  const unitId = `u-${run}-${Math.floor(i / FLOW)}`;
  const day = dayOf(i);
  const data = {
    reportId: `${unitId}:${day}`,
    unitId,
    unitType: 'elderly-care-home' as const,
    divisionCode: `330521${String(101 + (i % 13)).padStart(3, '0')}`,
    reportDate: day,
    deadline: `${day}T02:00:00.000Z`,
    detectedAt: `${day}T02:00:05.000Z`,
  };
  const e = createEvent(ReportMissedV1, data, {
    id: `${run}-${i}`,
    time: new Date(Date.parse(`${day}T02:00:05Z`) + (i % FLOW) * 1000),
    correlationId: `flow-${run}-${Math.floor(i / FLOW)}`,
    causationId: i % FLOW === 0 ? `request-${run}-${i}` : `${run}-${i - 1}`,
    traceparent: `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-01`,
  });
  return toKafkaRecord(e, ReportMissedV1.topic, unitId);
}

async function main(): Promise<void> {
  const dbName = `bench_${id}_event_lineage`;
  const kafka = createKafka({ brokers: brokers.split(','), clientId: 'bench-lineage' });
  await ensureTopics(kafka, names, ALL_TOPICS);
  const app = await createApp(
    loadConfig(EventLineageConfig, {
      KAFKA_BROKERS: brokers,
      KAFKA_TOPIC_PREFIX: prefix,
      MONGO_URL: mongoUrl,
      MONGO_DB: dbName,
      JWT_PUBLIC_KEY: testPublicKey,
      JWT_ISSUER: TEST_ISSUER,
      JWT_AUDIENCE: TEST_AUDIENCE,
      LOG_LEVEL: 'warn',
    }),
  );
  await app.listen(0, '127.0.0.1');
  const base = await app.getUrl();
  const db = await connectMongo(mongoUrl, dbName);
  const store = app.get(LineageStore);
  const results: Record<string, unknown> = { startedAt: new Date().toISOString(), database: mongoUrl, kafka: brokers, events: EVENTS };
  try {
    const docsOf = (from: number, n: number, run: string) =>
      Array.from({ length: n }, (_, k) => {
        const i = from + k;
        const r = kafkaRecord(i, run);
        const message = {
          key: Buffer.from(r.key),
          value: Buffer.from(r.value),
          // far beyond what the broker's own offsets reach in this run, so they never meet the ingested records
          offset: String(1_000_000_000 + Math.floor(i / 6)),
          timestamp: String(Date.now()),
          headers: r.headers,
        };
        return recordOf(names, { topic, partition: i % 6, message });
      });

    // baseline: the same event documents, raw unordered bulk inserts into a plain collection
    const raw = db.db!.collection('bench_raw');
    const rawInsert = await timed(() =>
      pool(
        Array.from({ length: Math.ceil(RAW_EVENTS / BATCH) }, (_, b) => b),
        4,
        async (b) => {
          await raw.insertMany(docsOf(b * BATCH, Math.min(BATCH, RAW_EVENTS - b * BATCH), 'raw').map((d) => d.event!) as any[], {
            ordered: false,
          });
        },
      ),
    );
    const rawPerSecond = RAW_EVENTS / rawInsert.seconds;
    await raw.drop();

    // the service's insert path: events, their event-id and flow documents
    let done = 0;
    const stored = await timed(() =>
      pool(
        Array.from({ length: Math.ceil(EVENTS / BATCH) }, (_, b) => b),
        4,
        async (b) => {
          await store.insertBatch(docsOf(b * BATCH, Math.min(BATCH, EVENTS - b * BATCH), 'bulk'));
          done += BATCH;
          if (done % 100_000 === 0) console.log(`  stored ${done} events`);
        },
      ),
    );
    const storePerSecond = EVENTS / stored.seconds;

    // flows by correlation id over HTTP, within the analyst's county
    const auth = { Authorization: `Bearer ${tokenFor({ sub: 'bench-analyst', roles: ['analyst'], jurisdiction: '330521' })}` };
    const flows = Math.floor(EVENTS / FLOW);
    const latencies: number[] = [];
    await pool(
      Array.from({ length: LOOKUPS }, () => Math.floor(Math.random() * flows)),
      4,
      async (f) => {
        const t0 = process.hrtime.bigint();
        const res = await fetch(`${base}/api/flows/flow-bulk-${f}`, { headers: auth });
        const body = (await res.json()) as { events?: unknown[] };
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
        if (res.status !== 200 || body.events?.length !== FLOW)
          throw new Error(`flow ${f}: ${res.status} ${JSON.stringify(body).slice(0, 200)}`);
      },
    );
    latencies.sort((a, b) => a - b);

    // events by subject (a report id: one event each) and by type within one day, one at a time
    const lookupOf = async (label: string, paths: string[]) => {
      const ms: number[] = [];
      for (const path of paths) {
        const t0 = process.hrtime.bigint();
        const res = await fetch(`${base}${path}`, { headers: auth });
        const body = (await res.json()) as { items?: unknown[] };
        ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
        if (res.status !== 200 || !body.items?.length)
          throw new Error(`${label} ${path}: ${res.status} ${JSON.stringify(body).slice(0, 200)}`);
      }
      ms.sort((a, b) => a - b);
      return { lookups: ms.length, p50Ms: round(percentile(ms, 50)), p99Ms: round(percentile(ms, 99)) };
    };
    const someEvents = Array.from({ length: SCAN_LOOKUPS }, () => Math.floor(Math.random() * EVENTS));
    const bySubject = await lookupOf(
      'events by subject',
      // within the month the run's events fall in (a window of up to 31 days is read by key)
      someEvents.map(
        (i) =>
          `/api/events?subject=${encodeURIComponent(`u-bulk-${Math.floor(i / FLOW)}:${dayOf(i)}`)}&from=2026-03-01T00:00:00.000Z&to=2026-03-29T00:00:00.000Z`,
      ),
    );
    const byTypeInADay = await lookupOf(
      'events by type in a day',
      someEvents.map(
        (i) =>
          `/api/events?type=${encodeURIComponent(ReportMissedV1.type)}&from=${dayOf(i)}T00:00:00.000Z&to=${dayOf(i)}T23:59:59.999Z&limit=100`,
      ),
    );

    // ingestion from Kafka: kafkajs producing alone (the service not reading meanwhile), then the
    // time the service takes to store that backlog; and live: producing while the service reads
    const consumer = app.get(LineageConsumer);
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    const produce = (run: string) =>
      timed(async () => {
        for (let from = 0; from < KAFKA_EVENTS; from += BATCH) {
          const records = Array.from({ length: Math.min(BATCH, KAFKA_EVENTS - from) }, (_, k) => kafkaRecord(from + k, run));
          await producer.send({ topic, acks: -1, messages: records.map((r) => ({ key: r.key, value: r.value, headers: r.headers })) });
        }
      });
    const untilStored = async (target: number, t0: bigint) => {
      while (consumer.stored < target) {
        if (Number(process.hrtime.bigint() - t0) / 1e9 > 600) throw new Error(`ingestion stalled at ${consumer.stored} of ${target}`);
        await new Promise((r) => setTimeout(r, 20));
      }
      return Number(process.hrtime.bigint() - t0) / 1e9;
    };
    await consumer.stop();
    const produced = await produce('backlog');
    const backlogTarget = consumer.stored + KAFKA_EVENTS;
    const b0 = process.hrtime.bigint();
    await consumer.start();
    const backlogSeconds = await untilStored(backlogTarget, b0);
    const liveTarget = consumer.stored + KAFKA_EVENTS;
    const l0 = process.hrtime.bigint();
    await produce('live');
    const ingestSeconds = await untilStored(liveTarget, l0);
    await producer.disconnect();
    const ingestPerSecond = KAFKA_EVENTS / ingestSeconds;
    const backlogPerSecond = KAFKA_EVENTS / backlogSeconds;
    const producePerSecond = KAFKA_EVENTS / produced.seconds;

    results.baselines = {
      rawBulkInsertPerSecond: round(rawPerSecond),
      rawBulkInsertEvents: RAW_EVENTS,
      kafkajsProducePerSecond: round(producePerSecond),
    };
    results.store = {
      events: EVENTS,
      seconds: round(stored.seconds, 1),
      perSecond: round(storePerSecond),
      ratioToRawInsert: round(storePerSecond / rawPerSecond, 2),
    };
    results.flowLookups = {
      lookups: LOOKUPS,
      eventsPerFlow: FLOW,
      p50Ms: round(percentile(latencies, 50)),
      p99Ms: round(percentile(latencies, 99)),
      targetP99Ms: 1000,
    };
    results.eventLookups = { bySubject, byTypeInADay };
    results.ingestionFromKafka = {
      events: KAFKA_EVENTS,
      backlogPerSecond: round(backlogPerSecond),
      backlogRatioToRawInsert: round(backlogPerSecond / rawPerSecond, 2),
      seconds: round(ingestSeconds, 2),
      perSecond: round(ingestPerSecond),
      targetPerSecond: 5000,
      ratioToProducing: round(ingestPerSecond / producePerSecond, 2),
      ratioToRawInsert: round(ingestPerSecond / rawPerSecond, 2),
    };
    results.peakRssMb = peakRssMb(process.pid);
    results.finishedAt = new Date().toISOString();
    console.log(`event-lineage benchmark: ${EVENTS} events stored (database ${dbName})`);
    console.log(
      `baseline: raw bulk insert ${round(rawPerSecond)} docs/s (${RAW_EVENTS} docs); kafkajs producing alone ${round(producePerSecond)} events/s`,
    );
    console.log(`store through the service: ${round(storePerSecond)} events/s (${round(storePerSecond / rawPerSecond, 2)} × raw insert)`);
    console.log(
      `flow by correlation id over HTTP (${LOOKUPS}, 4 at a time): p50 ${round(percentile(latencies, 50))} ms, p99 ${round(percentile(latencies, 99))} ms (target ≤ 1000 ms)`,
    );
    console.log(
      `events by subject (${bySubject.lookups}, one at a time): p50 ${bySubject.p50Ms} ms, p99 ${bySubject.p99Ms} ms; by type in a day: p50 ${byTypeInADay.p50Ms} ms, p99 ${byTypeInADay.p99Ms} ms`,
    );
    console.log(
      `ingestion of a backlog of ${KAFKA_EVENTS} events: ${round(backlogSeconds, 2)} s = ${round(backlogPerSecond)} events/s (${round(backlogPerSecond / rawPerSecond, 2)} × raw insert)`,
    );
    console.log(
      `ingestion live (producing meanwhile): ${KAFKA_EVENTS} events in ${round(ingestSeconds, 2)} s = ${round(ingestPerSecond)} events/s (target ≥ 5000; ${round(ingestPerSecond / producePerSecond, 2)} × producing alone, ${round(ingestPerSecond / rawPerSecond, 2)} × raw insert)`,
    );
    console.log(`peak resident set of this process: ${results.peakRssMb} MB`);
    const dir = join(process.cwd(), 'test/bench/results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'event-lineage.json'), JSON.stringify(results, null, 2) + '\n');
    console.log('figures written to test/bench/results/event-lineage.json');
  } finally {
    // each step on its own: a database that answers late (dropping a large database can take a
    // while on the embedded one) still leaves the topics of this run deleted
    const step = async (what: string, work: () => Promise<unknown>) =>
      work().catch((e) => console.error(`cleanup: ${what} failed: ${(e as Error).message}`));
    await step(`drop database ${dbName}`, () => db.dropDatabase());
    await step('close the database connection', () => db.close());
    await step('close the service', () => app.close());
    await step(`delete the topics ${prefix}*`, async () => {
      const admin = kafka.admin();
      await admin.connect();
      try {
        const mine = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
        if (mine.length) await admin.deleteTopics({ topics: mine });
        await admin.deleteGroups([names.group('event-lineage')]).catch(() => undefined);
      } finally {
        await admin.disconnect();
      }
    });
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
