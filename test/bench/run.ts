import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_TOPICS, CaseOpenedV1, CaseTopic, DailyReportSubmittedV1, DailyReportTopic, ReportMissedV1 } from '@civil/contracts';
import { addDays, deterministicId, divisionAncestors, shanghaiDate } from '@civil/kernel';
import { createEvent, createKafka, ensureTopics, KafkaEventPublisher, silentLogger, TopicNames, toKafkaRecord } from '@civil/messaging';
import { connectMongo } from '@civil/persistence';
import { TEST_AUDIENCE, TEST_ISSUER, testPublicKey, tokenFor } from '@civil/testing';
import { measureDurableWrites } from './durable-writes.bench';
import { EventCounter } from './event-counter';
import { CpuMeter, describeCpu, peakRssMb, percentile, pidFrom, pool, round, timed } from './measure';

/**
 * `npm run bench`: one run, every figure against a baseline measured in the same run.
 *  (a0) the embedded database's write cost per durability mode (fsync, commit, none)
 *  (a) baselines: kafkajs producing alone; the database inserting, compare-and-set writing and bulk writing alone
 *  (b) daily reports accepted end to end per second (HTTP → DB → Kafka), and its ratio
 *  (c) the deadline sweep for BENCH_UNITS units (default 100,000): seconds until every
 *      ReportMissed is on Kafka and every case exists in supervision
 *  (d) ReportMissed → CaseOpened latency p50/p99 at a steady BENCH_RATE events/s (default 1,000) for BENCH_RATE_SECONDS (default 30)
 *  (e) each service's peak RSS
 *  (f) reporting rates over the sweep's county, against reading its units alone
 *  (g) a region-wide closure order over one township, against the database insert baseline
 * Figures are printed and written to test/bench/results/latest.json.
 */
const ROOT = join(__dirname, '../../../');
const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:19092').split(',');
const mongoUrl = process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27117';
const SWEEP_UNITS = Number(process.env.BENCH_UNITS ?? 100_000);
const REPORTS = Number(process.env.BENCH_REPORTS ?? 2_000);
const RATE = Number(process.env.BENCH_RATE ?? 1_000);
const RATE_SECONDS = Number(process.env.BENCH_RATE_SECONDS ?? 30);
const id = randomBytes(3).toString('hex');
const prefix = `bench-${id}.`;
const names = new TopicNames(prefix);
const admin = { sub: 'bench', roles: ['admin' as const], jurisdiction: '33' };

function startService(name: string, port: number): ChildProcess {
  const child = spawn(
    process.execPath,
    [
      // BENCH_SERVICE_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=.local/profiles", to see where a service spends its time
      ...(process.env.BENCH_SERVICE_NODE_ARGS ?? '').split(' ').filter(Boolean),
      '-r',
      join(ROOT, 'deploy/local/register-paths.js'),
      join(ROOT, `dist/services/${name}/src/main.js`),
    ],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: String(port),
        KAFKA_BROKERS: brokers.join(','),
        KAFKA_TOPIC_PREFIX: prefix,
        MONGO_URL: mongoUrl,
        MONGO_DB: `bench_${id}_${name.replace(/-/g, '_')}`,
        JWT_PUBLIC_KEY: testPublicKey,
        JWT_ISSUER: TEST_ISSUER,
        JWT_AUDIENCE: TEST_AUDIENCE,
        SWEEP_INTERVAL_MS: '0',
        ESCALATION_INTERVAL_MS: '0',
        LOG_LEVEL: 'warn',
        KAFKAJS_NO_PARTITIONER_WARNING: '1',
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  return child;
}

async function ready(port: number): Promise<void> {
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health/ready`)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`service on ${port} never became ready`);
}

/** Signed once: signing per request would spend the bench's CPU, which the services share. */
let adminToken: string | undefined;

async function http(method: string, url: string, body?: unknown): Promise<any> {
  adminToken ??= tokenFor(admin);
  const res = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status >= 300) throw new Error(`${method} ${url} → ${res.status} ${await res.text()}`);
  return res.json();
}

function unitDoc(unitId: string, divisionCode: string, registeredAt: Date) {
  return {
    _id: unitId,
    name: `bench ${unitId}`,
    unitType: 'elderly-care-home',
    operator: 'public',
    divisionCode,
    divisionAncestors: divisionAncestors(divisionCode),
    beds: 50,
    bedsInUse: 40,
    registeredAt,
    active: true,
    version: 1,
    outbox: [],
  };
}

async function main(): Promise<void> {
  const results: Record<string, unknown> = {
    startedAt: new Date().toISOString(),
    database: mongoUrl,
    kafka: brokers.join(','),
    sweepUnits: SWEEP_UNITS,
    reports: REPORTS,
    rate: RATE,
  };
  const kafka = createKafka({ brokers, clientId: 'bench', logger: silentLogger });
  await ensureTopics(kafka, names, ALL_TOPICS);

  // (a0) what the embedded database's durability costs, on private instances of it
  const durability = await measureDurableWrites();
  results.durability = Object.fromEntries(
    Object.entries(durability).map(([mode, r]) => [
      mode,
      { oneClientPerSecond: round(r.oneClient), sixteenClientsPerSecond: round(r.sixteenClients), batchedDocsPerSecond: round(r.batched) },
    ]),
  );

  // (a) baselines
  const publisher = new KafkaEventPublisher(kafka, names);
  await publisher.connect();
  const sample = toKafkaRecord(
    createEvent(DailyReportSubmittedV1, DailyReportSubmittedV1.example, { time: new Date() }),
    'bench.baseline',
    'k',
  );
  const baselineTopic = [{ name: 'bench.baseline', partitions: 6, retentionMs: 3_600_000, description: 'baseline' }];
  await ensureTopics(kafka, names, baselineTopic);
  const KAFKA_N = 20_000;
  const kafkaAlone = await timed(async () => {
    const batches = Array.from({ length: KAFKA_N / 100 }, (_, b) =>
      Array.from({ length: 100 }, (_, i) => ({ ...sample, key: `k${b * 100 + i}` })),
    );
    await pool(batches, 4, (batch) => publisher.publish(batch));
  });
  const kafkaPerSecond = KAFKA_N / kafkaAlone.seconds;
  const baselineDb = await connectMongo(mongoUrl, `bench_${id}_baseline`);
  const DB_N = 3_000;
  const dbAlone = await timed(() =>
    pool(
      Array.from({ length: DB_N }, (_, i) => i),
      16,
      async (i) => {
        await baselineDb
          .db!.collection('inserts')
          .insertOne({ _id: `r${i}` as never, ...DailyReportSubmittedV1.example, outbox: [{ ...sample, id: `e${i}`, at: new Date() }] });
      },
    ),
  );
  const dbPerSecond = DB_N / dbAlone.seconds;
  // compare-and-set on the version, one document a write, as an aggregate's save does: the filter
  // {_id, version} with a version number is what the store's own index serves
  const inserts = baselineDb.db!.collection('inserts');
  await inserts.createIndex({ _id: 1, version: 1 }, { unique: true });
  await inserts.updateMany({}, { $set: { version: 0 } });
  const casAlone = await timed(() =>
    pool(
      Array.from({ length: DB_N }, (_, i) => i),
      16,
      async (i) => {
        const r = await inserts.updateOne({ _id: `r${i}` as never, version: 0 }, { $set: { version: 1, status: 'corrected' } });
        if (r.modifiedCount !== 1) throw new Error(`compare-and-set baseline: r${i} not changed`);
      },
    ),
  );
  const casPerSecond = DB_N / casAlone.seconds;
  // the same change, in bulk writes of 1,000 documents
  const bulkAlone = await timed(async () => {
    for (let b = 0; b < DB_N; b += 1_000) {
      const ops = Array.from({ length: Math.min(1_000, DB_N - b) }, (_, i) => ({
        updateOne: { filter: { _id: `r${b + i}` as never, version: 1 }, update: { $set: { version: 2, status: 'locked' } } },
      }));
      const r = await inserts.bulkWrite(ops, { ordered: false });
      if (r.modifiedCount !== ops.length) throw new Error(`bulk baseline: ${r.modifiedCount} of ${ops.length} changed`);
    }
  });
  const bulkPerSecond = DB_N / bulkAlone.seconds;
  await baselineDb.dropDatabase();
  await baselineDb.close();
  results.baselines = {
    kafkaProducePerSecond: round(kafkaPerSecond),
    databaseInsertPerSecond: round(dbPerSecond),
    databaseCompareAndSetPerSecond: round(casPerSecond),
    databaseBulkWriteDocsPerSecond: round(bulkPerSecond),
  };
  console.log(
    `(a) kafkajs producing alone: ${round(kafkaPerSecond)} msg/s; database alone: inserting ${round(dbPerSecond)} docs/s, ` +
      `compare-and-set ${round(casPerSecond)} docs/s, bulk writes of 1,000 ${round(bulkPerSecond)} docs/s (16 clients for single writes)`,
  );

  // services as their own processes, so their memory is their own
  const monitoring = startService('institution-monitoring', 3101);
  const supervision = startService('supervision', 3104);
  await Promise.all([ready(3101), ready(3104)]);
  const counter = new EventCounter(brokers, [names.physical(DailyReportTopic.name), names.physical(CaseTopic.name)]);
  await counter.start();
  // which process bounds each figure (the servers' pid files exist when this machine started them;
  // CIVIL_STATE_DIR, or BENCH_DATABASE_STATE_DIR for a database of the bench's own, says where)
  const stateDir = process.env.CIVIL_STATE_DIR || join(ROOT, '.local');
  const cpu = () =>
    new CpuMeter({
      'institution-monitoring': monitoring.pid,
      supervision: supervision.pid,
      database: pidFrom(join(process.env.BENCH_DATABASE_STATE_DIR || stateDir, 'mongo/mongo.pid')),
      kafka: pidFrom(join(stateDir, 'kafka/kafka.pid')),
      'bench (load and counting)': process.pid,
    }).begin();
  const cpuFigures: Record<string, Record<string, number>> = {};
  results.cpuPercentOfOneCore = cpuFigures;
  const imDb = await connectMongo(mongoUrl, `bench_${id}_institution_monitoring`);
  const svDb = await connectMongo(mongoUrl, `bench_${id}_supervision`);
  const today = shanghaiDate(new Date());

  try {
    // (b) daily reports end to end
    const reportUnits = Array.from({ length: REPORTS }, (_, i) => `r-${i}`);
    for (let i = 0; i < REPORTS; i += 1000) {
      await imDb
        .db!.collection('institutions')
        .insertMany(reportUnits.slice(i, i + 1000).map((u) => unitDoc(u, '330521101', new Date())) as never[]);
    }
    const counts = {
      residents: 40,
      staffOnDuty: 10,
      newAdmissions: 0,
      temperatureAnomalies: 0,
      suspected: 0,
      confirmed: 0,
      isolated: 0,
      transferred: 0,
      deaths: 0,
      ppeDaysOfCover: 40,
      vaccinatedResidents: 0,
      vaccinatedStaff: 0,
    };
    let httpSeconds = 0;
    const reportsCpu = cpu();
    const e2e = await timed(async () => {
      const accepted = await timed(() =>
        pool(reportUnits, 16, async (u) => {
          await http('POST', `http://127.0.0.1:3101/institutions/${u}/daily-reports`, { reportDate: today, counts });
        }),
      );
      httpSeconds = accepted.seconds;
      await counter.waitFor(DailyReportSubmittedV1.type, REPORTS, 300_000);
    });
    cpuFigures.dailyReports = reportsCpu.end();
    console.log(`    (HTTP accepted all ${REPORTS} in ${round(httpSeconds, 2)} s; all on Kafka after ${round(e2e.seconds, 2)} s)`);
    console.log(`    ${describeCpu(cpuFigures.dailyReports)}`);
    const e2ePerSecond = REPORTS / e2e.seconds;
    const slower = Math.min(kafkaPerSecond, dbPerSecond);
    results.dailyReportsEndToEnd = { perSecond: round(e2ePerSecond), ratioToSlowerBaseline: round(e2ePerSecond / slower, 2) };
    console.log(
      `(b) daily reports HTTP → DB → Kafka: ${round(e2ePerSecond)}/s = ${round((100 * e2ePerSecond) / slower)}% of the slower baseline`,
    );

    // (c) the deadline sweep over SWEEP_UNITS units in county 330522, deadline 00:00 today
    const setup = await timed(async () => {
      const registeredAt = new Date(new Date(`${addDays(today, -1)}T23:00:00+08:00`).getTime());
      for (let i = 0; i < SWEEP_UNITS; i += 2000) {
        const batch = Array.from({ length: Math.min(2000, SWEEP_UNITS - i) }, (_, j) =>
          unitDoc(`s-${i + j}`, `330522${String(101 + ((i + j) % 20))}`, registeredAt),
        );
        await imDb.db!.collection('institutions').insertMany(batch as never[], { ordered: false });
      }
    });
    console.log(`    (setup: ${SWEEP_UNITS} units registered in ${round(setup.seconds)} s)`);
    await http('PUT', 'http://127.0.0.1:3101/reporting-deadlines', { divisionCode: '330522', time: '00:00', effectiveFrom: today });
    const casesBefore = await svDb.db!.collection('cases').countDocuments();
    const sweepCpu = cpu();
    const sweepStart = Date.now();
    const sweepCall = http('POST', 'http://127.0.0.1:3101/daily-reports/deadline-sweeps');
    const allMissedAt = await counter.waitFor(ReportMissedV1.type, SWEEP_UNITS, 1_800_000);
    const sweepResult = await sweepCall;
    let allCasesAt = 0;
    for (;;) {
      if ((await svDb.db!.collection('cases').countDocuments()) - casesBefore >= SWEEP_UNITS) {
        allCasesAt = Date.now();
        break;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    cpuFigures.sweep = sweepCpu.end();
    // the sweep's own peak (the high-water mark so far covers the daily reports and the sweep only)
    const sweepRss = { 'institution-monitoring': peakRssMb(monitoring.pid!), supervision: peakRssMb(supervision.pid!) };
    results.peakRssMbDuringSweep = sweepRss;
    results.sweep = {
      units: SWEEP_UNITS,
      missedRecorded: sweepResult.recorded,
      secondsUntilAllReportMissedOnKafka: round((allMissedAt - sweepStart) / 1000, 2),
      secondsUntilAllCasesExist: round((allCasesAt - sweepStart) / 1000, 2),
    };
    console.log(
      `(c) sweep of ${SWEEP_UNITS} units: every ReportMissed on Kafka after ${round((allMissedAt - sweepStart) / 1000, 2)} s, every case in supervision after ${round((allCasesAt - sweepStart) / 1000, 2)} s`,
    );

    console.log(`    ${describeCpu(cpuFigures.sweep)}`);
    console.log(
      `    peak RSS up to the end of the sweep: institution-monitoring ${sweepRss['institution-monitoring']} MB, supervision ${sweepRss.supervision} MB`,
    );

    // (f) reporting rates for the county of the sweep, against reading the same units straight from the database
    const rawRead = await timed(async () => {
      await imDb.db!.collection('institutions').find({ divisionAncestors: '330522', active: true }).toArray();
    });
    const ratesCall = await timed(() => http('GET', `http://127.0.0.1:3101/reporting-rates?date=${today}&divisionCode=330522`));
    results.reportingRates = {
      units: SWEEP_UNITS,
      seconds: round(ratesCall.seconds, 2),
      baselineReadSeconds: round(rawRead.seconds, 2),
      ratioToBaseline: round(ratesCall.seconds / rawRead.seconds, 2),
      expected: ratesCall.value.expected,
      reportingRate: ratesCall.value.reportingRate,
    };
    console.log(
      `(f) reporting rates over ${SWEEP_UNITS} units: ${round(ratesCall.seconds, 2)} s (reading the units alone: ${round(rawRead.seconds, 2)} s, ratio ${round(ratesCall.seconds / rawRead.seconds, 2)})`,
    );

    // (g) a region-wide closure order over one township of the sweep's units
    const township = '330522101';
    const closure = await timed(() =>
      http('POST', 'http://127.0.0.1:3101/closure-orders', {
        orderId: `bench-${id}`,
        divisionCode: township,
        unitTypes: ['elderly-care-home'],
        reason: 'bench',
      }),
    );
    const closedPerSecond = closure.value.closed.length / closure.seconds;
    results.closureOrder = {
      units: closure.value.closed.length,
      seconds: round(closure.seconds, 2),
      unitsClosedPerSecond: round(closedPerSecond),
      ratioToDatabaseInsertBaseline: round(closedPerSecond / dbPerSecond, 2),
    };
    console.log(
      `(g) closure order over ${closure.value.closed.length} units: ${round(closure.seconds, 2)} s, ${round(closedPerSecond)} units/s = ${round((100 * closedPerSecond) / dbPerSecond)}% of the database insert baseline`,
    );

    // (d) ReportMissed → CaseOpened latency at a steady rate, events published as upstream would
    const total = RATE * RATE_SECONDS;
    const sentAt = new Map<string, number>();
    const tick = 50;
    const perTick = Math.max(1, Math.round((RATE * tick) / 1000));
    const day = addDays(today, -30);
    const steadyCpu = cpu();
    const t0 = Date.now();
    for (let sent = 0; sent < total;) {
      const batch = [];
      for (let i = 0; i < perTick && sent < total; i++, sent++) {
        const unitId = `l-${sent}`;
        const e = createEvent(
          ReportMissedV1,
          {
            reportId: `${unitId}:${day}`,
            unitId,
            unitType: 'elderly-care-home',
            divisionCode: '330523101',
            reportDate: day,
            deadline: new Date().toISOString(),
            detectedAt: new Date().toISOString(),
          },
          { id: deterministicId('bench', unitId), time: new Date() },
        );
        batch.push(toKafkaRecord(e, ReportMissedV1.topic, unitId));
      }
      const now = Date.now();
      batch.forEach((r) => sentAt.set(r.headers.ce_id, now));
      await publisher.publish(batch);
      const due = t0 + (sent / RATE) * 1000;
      if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
    }
    const actualRate = total / ((Date.now() - t0) / 1000);
    const opened = SWEEP_UNITS + total;
    await counter.waitFor(CaseOpenedV1.type, opened, 600_000);
    cpuFigures.steadyRate = steadyCpu.end();
    const latencies = [...sentAt]
      .map(([eventId, at]) => (counter.causedBy.get(eventId) ?? NaN) - at)
      .filter((n) => !Number.isNaN(n))
      .sort((a, b) => a - b);
    results.latency = {
      events: total,
      offeredRatePerSecond: round(actualRate),
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
      maxMs: latencies[latencies.length - 1],
    };
    console.log(
      `(d) ReportMissed → CaseOpened at ${round(actualRate)} events/s: p50 ${percentile(latencies, 50)} ms, p99 ${percentile(latencies, 99)} ms (${latencies.length} events)`,
    );

    console.log(`    ${describeCpu(cpuFigures.steadyRate)}`);

    // (e) peak memory
    results.peakRssMb = { 'institution-monitoring': peakRssMb(monitoring.pid!), supervision: peakRssMb(supervision.pid!) };
    console.log(
      `(e) peak RSS over the whole run: institution-monitoring ${peakRssMb(monitoring.pid!)} MB, supervision ${peakRssMb(supervision.pid!)} MB`,
    );
  } finally {
    monitoring.kill('SIGTERM');
    supervision.kill('SIGTERM');
    await counter.stop();
    await publisher.disconnect();
    await imDb.dropDatabase().catch(() => undefined);
    await svDb.dropDatabase().catch(() => undefined);
    await imDb.close();
    await svDb.close();
  }
  results.finishedAt = new Date().toISOString();
  const dir = join(ROOT, 'test/bench/results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'latest.json'), JSON.stringify(results, null, 2) + '\n');
  console.log(`figures written to test/bench/results/latest.json`);
}

main().catch((e) => {
  console.error(`bench failed: ${(e as Error).stack ?? e}`);
  process.exit(1);
});
