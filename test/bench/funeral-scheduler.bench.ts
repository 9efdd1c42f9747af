import { randomBytes } from 'node:crypto';
import { AddressInfo } from 'node:net';
import { divisionAncestors, SystemClock } from '@civil/kernel';
import { createApp, FuneralOperationsConfig } from '@civil/funeral-operations';
import { connectMongo } from '@civil/persistence';
import { loadConfig } from '@civil/platform';
import { TEST_AUDIENCE, TEST_ISSUER, testPublicKey, tokenFor } from '@civil/testing';
import { pool, round, timed } from './measure';

/**
 * `npm run bench:scheduler`: how many cremations per second the funeral scheduler places, against a
 * baseline measured in the same run: the database's raw compare-and-set rate on one document (a
 * read by key, then an update on {_id, version}), the write every placement is built on.
 *
 * One home with BENCH_CREMATORS cremators (default 8) open 00:00–24:00 and BENCH_SCHEDULER_CASES
 * stored cases (default 600), seeded straight into the database; each case is then placed over
 * HTTP (POST /funeral-cases/:id/cremation-booking, earliest fit), sequentially and by 4 clients.
 * Placing includes the case's move, its FuneralCaseMoved in the outbox and the capacity evaluation.
 * Prints figures only.
 */
const mongoUrl = process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27117';
const brokers = process.env.KAFKA_BROKERS ?? '127.0.0.1:19092';
const CASES = Number(process.env.BENCH_SCHEDULER_CASES ?? 600);
const CREMATORS = Number(process.env.BENCH_CREMATORS ?? 8);
const CAS_N = 2_000;
const id = randomBytes(3).toString('hex');
const HOME = 'bench-home';
const admin = { sub: 'bench', roles: ['admin' as const], jurisdiction: '33' };

function storedCase(caseId: string, slot: number, now: Date) {
  return {
    _id: caseId,
    homeId: HOME,
    divisionCode: '330521',
    divisionAncestors: divisionAncestors('330521'),
    status: 'stored',
    origin: 'direct',
    deathId: null,
    unitId: null,
    residentRef: null,
    diedAt: now,
    infectious: false,
    disease: null,
    cremateBy: null,
    deadlineAtRisk: false,
    cdc: null,
    deceased: null,
    family: null,
    personKey: null,
    vehicleId: null,
    slot,
    cremation: null,
    cremationLog: null,
    release: null,
    cancellation: null,
    feeWaiver: { waived: false, register: null, basis: 'no-person-key', statusChangedAt: null, decidedAt: now },
    custody: [{ seq: 0, from: null, to: 'requested', where: { kind: 'place', ref: 'bench' }, who: 'bench', at: now, why: 'bench' }],
    createdAt: now,
    version: 1,
    outbox: [],
  };
}

async function main(): Promise<void> {
  const dbName = `bench_${id}_funeral_operations`;
  const config = loadConfig(FuneralOperationsConfig, {
    KAFKA_BROKERS: brokers,
    KAFKA_TOPIC_PREFIX: `bench-${id}.`,
    MONGO_URL: mongoUrl,
    MONGO_DB: dbName,
    JWT_PUBLIC_KEY: testPublicKey,
    JWT_ISSUER: TEST_ISSUER,
    JWT_AUDIENCE: TEST_AUDIENCE,
    SWEEP_INTERVAL_MS: '0',
    LOG_LEVEL: 'warn',
  });
  const app = await createApp(config, new SystemClock());
  await app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  const auth = { 'content-type': 'application/json', authorization: `Bearer ${tokenFor(admin)}` };
  const http = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(base + path, { method, headers: auth, body: body === undefined ? undefined : JSON.stringify(body) });
    if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status} ${await res.text()}`);
    return res.json();
  };
  const db = await connectMongo(mongoUrl, dbName);
  try {
    // baseline: raw compare-and-set on one document, sequential (what one placement writes at least once)
    const cas = db.db!.collection('bench_cas');
    await cas.createIndex({ _id: 1, version: 1 }, { unique: true }); // as VersionedDocuments does
    await cas.insertOne({ _id: 'x' as never, version: 0, bookings: [] });
    const casRun = await timed(async () => {
      for (let i = 0; i < CAS_N; i++) {
        const doc = await cas.findOne({ _id: 'x' as never });
        await cas.updateOne({ _id: 'x' as never, version: doc!.version }, { $set: { version: doc!.version + 1, bookings: [{ i }] } });
      }
    });
    const casPerSecond = CAS_N / casRun.seconds;

    await http('POST', '/funeral-homes', {
      homeId: HOME,
      name: 'bench',
      divisionCode: '330521',
      openingHours: { start: '07:00', end: '18:00' },
      coldStorageSlots: 2 * CASES,
      bodyCarts: 1,
      crowdedAreas: [],
    });
    for (let c = 1; c <= CREMATORS; c++)
      await http('POST', `/funeral-homes/${HOME}/equipment`, {
        equipmentId: `c${c}`,
        kind: 'cremator',
        name: `${c}号炉`,
        hours: { start: '00:00', end: '24:00' },
      });
    const now = new Date();
    const ids = (offset: number) => Array.from({ length: CASES / 2 }, (_, i) => `bench-case-${offset + i}`);
    const [sequential, concurrent] = [ids(0), ids(CASES / 2)];
    const cases = db.db!.collection('funeral_cases');
    await cases.insertMany([...sequential, ...concurrent].map((c, i) => storedCase(c, i + 1, now)) as never[]);
    await db
      .db!.collection('custody_claims')
      .insertMany(
        [...sequential, ...concurrent].map((c, i) => ({ _id: `slot:${HOME}:${i + 1}`, caseId: c, homeId: HOME, at: now })) as never[],
      );

    const seq = await timed(async () => {
      for (const c of sequential) await http('POST', `/funeral-cases/${c}/cremation-booking`, {});
    });
    const par = await timed(() => pool(concurrent, 4, async (c) => void (await http('POST', `/funeral-cases/${c}/cremation-booking`, {}))));
    const seqRate = sequential.length / seq.seconds;
    const parRate = concurrent.length / par.seconds;

    // every case placed once, no cremator slot twice
    const schedules = await db.db!.collection('cremation_schedules').find({}).toArray();
    const bookings = schedules.flatMap((s) => s.bookings as { caseId: string; crematorId: string; start: Date }[]);
    const distinctSlots = new Set(bookings.map((b) => `${b.crematorId}@${new Date(b.start).toISOString()}`)).size;

    console.log(`funeral scheduler benchmark (${CREMATORS} cremators, ${CASES} cases, 90-minute cremations)`);
    console.log(`baseline: database compare-and-set on one document, sequential: ${round(casPerSecond)} writes/s`);
    console.log(
      `placed over HTTP, 1 client:  ${round(seqRate)} cases/s (${round(seqRate / casPerSecond, 3)} × baseline; ${round((seq.seconds * 1000) / sequential.length, 1)} ms per case)`,
    );
    console.log(`placed over HTTP, 4 clients: ${round(parRate)} cases/s (${round(parRate / casPerSecond, 3)} × baseline)`);
    console.log(
      `bookings: ${bookings.length} for ${CASES} cases, ${distinctSlots} distinct cremator slots, over ${schedules.length} schedule days`,
    );
  } finally {
    await db.dropDatabase();
    await db.close();
    await app.close();
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
