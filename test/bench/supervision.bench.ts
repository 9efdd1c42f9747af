import { randomBytes } from 'node:crypto';
import { ALL_TOPICS } from '@civil/contracts';
import { SettableClock } from '@civil/kernel';
import { createKafka, ensureTopics, TopicNames } from '@civil/messaging';
import { connectMongo } from '@civil/persistence';
import { loadConfig } from '@civil/platform';
import { CaseRepository, CaseSignalsService, createApp, EscalateDueCasesService, SupervisionConfig } from '@civil/supervision';
import { TEST_AUDIENCE, TEST_ISSUER, testPublicKey } from '@civil/testing';
import { pool, round, timed } from './measure';

/**
 * `npm run bench:supervision`: what supervision's case path costs, against baselines measured in
 * the same run on the same database.
 * - opening: BENCH_CASES signals (default 3,000), each opening a case for its own unit (subject
 *   read, claim, ladder, the case with its CaseOpened in the outbox, the subject's applied event),
 *   by 1 and by 4 callers — against raw single-document inserts;
 * - escalation: one pass over every case once its rung's time is up (a compare-and-set each, with
 *   its CaseEscalated) — against raw compare-and-set writes;
 * - the workload view's case part over all of them — against reading the same documents raw.
 * The relay publishes the events to Kafka meanwhile, as in service. Prints figures only.
 */
const mongoUrl = process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27117';
const brokers = process.env.KAFKA_BROKERS ?? '127.0.0.1:19092';
const CASES = Number(process.env.BENCH_CASES ?? 3_000);
const id = randomBytes(3).toString('hex');
const prefix = `bench-${id}.`;

async function main(): Promise<void> {
  const dbName = `bench_${id}_supervision`;
  const kafka = createKafka({ brokers: brokers.split(','), clientId: 'bench-supervision' });
  await ensureTopics(kafka, new TopicNames(prefix), ALL_TOPICS);
  const clock = new SettableClock('2026-03-02T02:00:00Z');
  const app = await createApp(
    loadConfig(SupervisionConfig, {
      KAFKA_BROKERS: brokers,
      KAFKA_TOPIC_PREFIX: prefix,
      MONGO_URL: mongoUrl,
      MONGO_DB: dbName,
      JWT_PUBLIC_KEY: testPublicKey,
      JWT_ISSUER: TEST_ISSUER,
      JWT_AUDIENCE: TEST_AUDIENCE,
      ESCALATION_INTERVAL_MS: '0',
      SWEEP_INTERVAL_MS: '0',
      LOG_LEVEL: 'warn',
    }),
    clock,
  );
  const db = await connectMongo(mongoUrl, dbName);
  try {
    // baselines: raw inserts of case-sized documents, raw compare-and-set, raw read of them all
    const raw = db.db!.collection('bench_raw');
    const sample = {
      caseType: 'report-missed',
      divisionAncestors: ['33', '3305', '330521', '330521101'],
      status: 'open',
      history: [{ at: new Date(), action: 'opened', note: 'x'.repeat(60) }],
      outbox: [],
    };
    const inserts = await timed(async () => {
      for (let i = 0; i < CASES; i++) await raw.insertOne({ _id: `r-${i}` as never, version: 0, ...sample });
    });
    const cas = await timed(async () => {
      for (let i = 0; i < CASES; i++) {
        const doc = await raw.findOne({ _id: `r-${i}` as never });
        await raw.updateOne({ _id: `r-${i}` as never, version: doc!.version }, { $set: { version: doc!.version + 1, level: 'county' } });
      }
    });
    const rawRead = await timed(async () => (await raw.find({ divisionAncestors: '330521' }).toArray()).length);

    const signals = app.get(CaseSignalsService);
    const open = (i: number) =>
      signals.open(
        { id: `bench-signal-${id}-${i}`, source: '/civil-affairs/institution-monitoring', correlationId: `bench-${i}` },
        {
          caseType: 'report-missed',
          subjectId: `u-${i}`,
          unitId: `u-${i}`,
          divisionCode: '330521101',
          item: '2026-03-02',
          note: 'no report for 2026-03-02',
        },
      );
    const half = Math.floor(CASES / 2);
    const seq = await timed(async () => {
      for (let i = 0; i < half; i++) await open(i);
    });
    const par = await timed(() =>
      pool(
        Array.from({ length: CASES - half }, (_, k) => half + k),
        4,
        open,
      ),
    );

    clock.advance(4 * 60 * 60_000 + 1_000); // township's 4 hours are up for every case
    const escalation = await timed(() => app.get(EscalateDueCasesService).run());
    const summary = await timed(() => app.get(CaseRepository).summary('330521'));

    const rate = (n: number, s: number) => n / s;
    const baseInsert = rate(CASES, inserts.seconds);
    const baseCas = rate(CASES, cas.seconds);
    console.log(`supervision benchmark: ${CASES} cases (database ${dbName})`);
    console.log(
      `baseline: raw insert ${round(baseInsert)} docs/s; raw compare-and-set ${round(baseCas)} writes/s; raw read of ${rawRead.value} docs ${round(rawRead.seconds * 1000)} ms`,
    );
    console.log(
      `signals → cases, 1 caller:  ${round(rate(half, seq.seconds))} cases/s (${round(rate(half, seq.seconds) / baseInsert, 3)} × raw insert)`,
    );
    console.log(
      `signals → cases, 4 callers: ${round(rate(CASES - half, par.seconds))} cases/s (${round(rate(CASES - half, par.seconds) / baseInsert, 3)} × raw insert)`,
    );
    console.log(
      `escalation pass: ${escalation.value.escalated} cases township → county in ${round(escalation.seconds, 2)} s, ${round(rate(escalation.value.escalated, escalation.seconds))} cases/s (${round(rate(escalation.value.escalated, escalation.seconds) / baseCas, 3)} × raw compare-and-set)`,
    );
    console.log(
      `workload view, cases part: ${summary.value.open} open, ${JSON.stringify(summary.value.escalationsInto)} in ${round(summary.seconds * 1000)} ms (${round(summary.seconds / rawRead.seconds, 2)} × the raw read)`,
    );
  } finally {
    await db.dropDatabase();
    await db.close();
    await app.close();
    const admin = kafka.admin();
    await admin.connect();
    const mine = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
    if (mine.length) await admin.deleteTopics({ topics: mine });
    await admin.disconnect();
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
