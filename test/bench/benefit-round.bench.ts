import { ChildProcess, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { ALL_TOPICS, BenefitTopic, EntitlementIssuedV1, ReliefRegister } from '@civil/contracts';
import { divisionAncestors } from '@civil/kernel';
import { createEvent, createKafka, ensureTopics, KafkaEventPublisher, silentLogger, TopicNames, toKafkaRecord } from '@civil/messaging';
import { connectMongo } from '@civil/persistence';
import { TEST_AUDIENCE, TEST_ISSUER, testPublicKey, tokenFor } from '@civil/testing';
import { OffsetCounter } from './offset-counter';
import { peakRssMb, pool, round, timed } from './measure';

/**
 * `npm run bench:round`: a benefit round over BENCH_ROUND_PEOPLE people (default 1,000,000).
 * People, and the register roll of their memberships, are seeded straight into social-relief's
 * database (timed: the people are the raw insertMany baseline), kafkajs producing as many
 * EntitlementIssued-sized messages alone is the Kafka baseline, then social-relief runs as its
 * own process and a round is created and run over HTTP. Printed: seconds until the round is
 * issued, until every EntitlementIssued is on Kafka, entitlements/s, and the ratios against the
 * baselines. Figures only, no assertions.
 */
const ROOT = join(__dirname, '../../../');
const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:19092').split(',');
const mongoUrl = process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27117';
const PEOPLE = Number(process.env.BENCH_ROUND_PEOPLE ?? 1_000_000);
const PORT = Number(process.env.BENCH_ROUND_PORT ?? 3192);
/**
 * Person documents inserted (the database baseline). A round reads only the register roll, so a
 * sample gives the same rate in less time: BENCH_ROUND_PERSON_DOCS=50000 (default: everyone).
 */
const PERSON_DOCS = Math.min(PEOPLE, Number(process.env.BENCH_ROUND_PERSON_DOCS ?? PEOPLE));
const id = randomBytes(3).toString('hex');
const prefix = `bench-round-${id}.`;
const names = new TopicNames(prefix);
const dbName = `bench_round_${id}_social_relief`;
const officer = { sub: 'bench-county', roles: ['county-officer' as const], jurisdiction: '330521' };
const REGISTERS: ReliefRegister[] = ['dibao', 'near-dibao', 'expenditure-poverty', 'dispersed-extreme-poverty'];

const personIdOf = (i: number) => `p-${createHash('sha1').update(`${id}:${i}`).digest('hex').slice(0, 32)}`;
const divisionCodeOf = (i: number) => `330521${String(101 + (i % 20))}`;

/** A person document as PersonRepository stores it (encrypted fields of realistic size; memberships are on the roll). */
function personDoc(i: number) {
  const personId = personIdOf(i);
  const divisionCode = divisionCodeOf(i);
  const filler = randomBytes(48).toString('base64');
  return {
    _id: personId,
    personKey: createHash('sha256').update(personId).digest('hex'),
    nameEnc: `v1:${filler}`,
    idNumberEnc: `v1:${filler}${filler.slice(0, 24)}`,
    phoneEnc: null,
    nameMasked: '张*',
    idNumberMasked: '3305**********1234',
    phoneMasked: null,
    birthDate: '1950-01-01',
    sex: 'male',
    divisionCode,
    divisionAncestors: divisionAncestors(divisionCode),
    createdAt: new Date(),
    version: 1,
    outbox: [],
  };
}

function membershipsOf(i: number) {
  const memberships = [{ register: REGISTERS[i % 4], sourceType: 'household', sourceId: `h-${i}`, from: '2022-03-01', to: null }];
  // one in ten is on a second register too: still one entitlement
  if (i % 10 === 0)
    memberships.push({ register: REGISTERS[(i + 1) % 4], sourceType: 'key-person-list', sourceId: `k-${i}`, from: '2022-06-01', to: null });
  return memberships;
}

/**
 * The register roll as social-relief's RegisterRollRepository stores it: one document per bucket
 * of ROLL_BUCKETS, a person in bucket hashBucket(personId) (people/domain/hash-bucket.ts: the
 * first 32 bits of the id's SHA-256, modulo), `v` the person's own version.
 */
const ROLL_BUCKETS = 2048;
function rollDocs() {
  const docs = Array.from({ length: ROLL_BUCKETS }, (_, b) => ({
    _id: `roll#${b}`,
    bucket: b,
    version: 1,
    members: {} as Record<string, unknown>,
    outbox: [],
  }));
  for (let i = 0; i < PEOPLE; i++) {
    const personId = personIdOf(i);
    const b = parseInt(createHash('sha256').update(personId).digest('hex').slice(0, 8), 16) % ROLL_BUCKETS;
    docs[b].members[personId] = { divisionCode: divisionCodeOf(i), memberships: membershipsOf(i), v: 1 };
  }
  return docs;
}

function startSocialRelief(): ChildProcess {
  // BENCH_SERVICE_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", to profile the service
  const extra = (process.env.BENCH_SERVICE_NODE_ARGS ?? '').split(' ').filter(Boolean);
  return spawn(
    process.execPath,
    [
      '--max-old-space-size=4096',
      ...extra,
      '-r',
      join(ROOT, 'deploy/local/register-paths.js'),
      join(ROOT, 'dist/services/social-relief/src/main.js'),
    ],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: String(PORT),
        KAFKA_BROKERS: brokers.join(','),
        KAFKA_TOPIC_PREFIX: prefix,
        MONGO_URL: mongoUrl,
        MONGO_DB: dbName,
        JWT_PUBLIC_KEY: testPublicKey,
        JWT_ISSUER: TEST_ISSUER,
        JWT_AUDIENCE: TEST_AUDIENCE,
        SWEEP_INTERVAL_MS: '0',
        LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
        KAFKAJS_NO_PARTITIONER_WARNING: '1',
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
}

async function ready(): Promise<void> {
  for (let i = 0; i < 1200; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${PORT}/health/ready`)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('social-relief never became ready');
}

async function http(method: string, path: string, body?: unknown): Promise<any> {
  const res = await fetch(`http://127.0.0.1:${PORT}${path}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${tokenFor(officer)}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status} ${await res.text()}`);
  return res.json();
}

async function main(): Promise<void> {
  console.log(`benefit round benchmark: ${PEOPLE} people (database ${dbName}, topics ${prefix}*)`);
  const kafka = createKafka({ brokers, clientId: 'bench-round', logger: silentLogger });
  await ensureTopics(kafka, names, ALL_TOPICS);
  const db = await connectMongo(mongoUrl, dbName);
  // the benefit topic holds only this round's EntitlementIssued: its offsets count them
  const counter = new OffsetCounter(brokers, names.physical(BenefitTopic.name));
  let service: ChildProcess | undefined;
  try {
    // the index social-relief creates at start, created first: building it later over a million
    // documents is slow, and long reads on the database's file store can fail mid-way
    await db.db!.collection('persons').createIndex({ _id: 1, version: 1 }, { unique: true });
    // baseline 1: the database inserting N person documents alone (which is also the seeding)
    const seed = await timed(async () => {
      const batches = Array.from({ length: Math.ceil(PERSON_DOCS / 5_000) }, (_, b) => b);
      await pool(batches, 2, async (b) => {
        const docs = Array.from({ length: Math.min(5_000, PERSON_DOCS - b * 5_000) }, (_, j) => personDoc(b * 5_000 + j));
        await db.db!.collection('persons').insertMany(docs as never[], { ordered: false });
      });
    });
    const dbPerSecond = PERSON_DOCS / seed.seconds;
    console.log(
      `(a) database alone: insertMany of ${PERSON_DOCS} person documents in ${round(seed.seconds)} s = ${round(dbPerSecond)} docs/s`,
    );
    // the register roll those people are on, in its buckets, and the mark that nothing is left to move onto it
    const roll = rollDocs();
    await db.db!.collection('register_roll').createIndex({ _id: 1, version: 1 }, { unique: true });
    const rollSeed = await timed(async () => {
      const chunks = Array.from({ length: Math.ceil(roll.length / 32) }, (_, c) => roll.slice(c * 32, c * 32 + 32));
      await pool(chunks, 2, async (docs) => {
        await db.db!.collection('register_roll').insertMany(docs as never[], { ordered: false });
      });
    });
    await db.db!.collection('register_roll').insertOne({ _id: 'roll#migrated' as never, at: new Date() });
    console.log(`(a') roll: insertMany of ${roll.length} register roll buckets (${PEOPLE} members) in ${round(rollSeed.seconds)} s`);

    // baseline 2: kafkajs producing N EntitlementIssued-sized messages alone
    const baselineTopic = {
      name: 'bench.round-baseline',
      partitions: BenefitTopic.partitions,
      retentionMs: 3_600_000,
      description: 'baseline',
    };
    await ensureTopics(kafka, names, [baselineTopic]);
    const publisher = new KafkaEventPublisher(kafka, names);
    await publisher.connect();
    const sample = EntitlementIssuedV1.example;
    const kafkaAlone = await timed(async () => {
      const batches = Array.from({ length: Math.ceil(PEOPLE / 2_000) }, (_, b) => b);
      await pool(batches, 2, async (b) => {
        const records = Array.from({ length: Math.min(2_000, PEOPLE - b * 2_000) }, (_, j) => {
          const ref = `p-${b}-${j}`;
          const data = { ...sample, beneficiaryRef: ref, entitlementId: `ent-x-${ref}` };
          return toKafkaRecord(createEvent(EntitlementIssuedV1, data, { time: new Date() }), baselineTopic.name, ref);
        });
        await publisher.publish(records);
      });
    });
    await publisher.disconnect();
    const kafkaPerSecond = PEOPLE / kafkaAlone.seconds;
    console.log(
      `(b) kafkajs alone: ${PEOPLE} EntitlementIssued-sized messages in ${round(kafkaAlone.seconds)} s = ${round(kafkaPerSecond)} msg/s`,
    );

    service = startSocialRelief();
    await ready();
    await counter.start();

    await http('POST', '/benefit-rounds', {
      roundId: `bench-${id}`,
      kind: 'consumption-voucher',
      title: 'bench 消费券',
      amountFen: 30000,
      registers: REGISTERS,
      snapshotDate: '2022-12-31',
      divisionCode: '330521',
    });
    const t0 = Date.now();
    await http('POST', `/benefit-rounds/bench-${id}/runs`);
    let issuedAt = 0;
    let roundView: any;
    for (;;) {
      roundView = await http('GET', `/benefit-rounds/bench-${id}`);
      if (roundView.status === 'issued') {
        issuedAt = Date.now();
        break;
      }
      if (Date.now() - t0 > 1_800_000) throw new Error(`round not issued after 30 min: ${JSON.stringify(roundView.progress)}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    const allOnKafkaAt = await counter.waitFor(PEOPLE, 1_800_000);
    const secondsIssued = (issuedAt - t0) / 1000;
    const secondsKafka = (allOnKafkaAt - t0) / 1000;
    const perSecond = PEOPLE / secondsKafka;
    console.log(
      `(c) round of ${PEOPLE} people: issued after ${round(secondsIssued, 2)} s (${roundView.totals.entitlements} entitlements, ${roundView.totals.amountFen / 100} yuan); every EntitlementIssued on Kafka after ${round(secondsKafka, 2)} s`,
    );
    console.log(
      `    ${round(perSecond)} entitlements/s end to end = ${round((100 * perSecond) / dbPerSecond)}% of the database insert baseline, ${round((100 * perSecond) / kafkaPerSecond)}% of the kafkajs baseline`,
    );
    console.log(
      `    goal ≤ 120 s: ${secondsKafka <= 120 ? 'met' : 'not met'} on this machine; social-relief peak RSS ${peakRssMb(service.pid!)} MB`,
    );
    // a rerun issues nothing and publishes nothing (reads every bucket: off by default above 100,000)
    if (process.env.BENCH_ROUND_RERUN === '1' || (PEOPLE <= 100_000 && process.env.BENCH_ROUND_RERUN !== '0')) {
      const rerun = await timed(async () => {
        await http('POST', `/benefit-rounds/bench-${id}/runs`);
        for (;;) {
          const v = await http('GET', `/benefit-rounds/bench-${id}`);
          if (v.status === 'issued' && v.runs === 2) return v;
          await new Promise((r) => setTimeout(r, 250));
        }
      });
      await new Promise((r) => setTimeout(r, 2_000));
      console.log(
        `(d) rerun: ${round(rerun.seconds, 2)} s, entitlements still ${rerun.value.totals.entitlements}, EntitlementIssued on Kafka ${await counter.count()}`,
      );
    }
  } finally {
    if (service && service.exitCode === null) {
      const exited = new Promise((r) => service!.once('exit', r));
      service.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 30_000))]);
    }
    await counter.stop();
    await db.dropDatabase().catch(() => undefined);
    await db.close();
    const admin = kafka.admin();
    await admin.connect();
    const mine = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
    await admin.deleteTopics({ topics: mine }).catch(() => undefined);
    await admin.disconnect();
  }
}

main().catch((e) => {
  console.error(`bench failed: ${(e as Error).stack ?? e}`);
  process.exit(1);
});
