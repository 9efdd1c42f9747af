/**
 * What the embedded database's durability costs (`npm run bench:durability`, and part (a0) of
 * `npm run bench`): the same writes against three private instances of it, one per
 * MONGO_WIRE_DURABILITY — `fsync` (the default: the answer waits for the file to be forced to
 * disk), `commit` (written to the file, not forced), `none` (answered at once, committed by the
 * store about a second later, as mongo-java-server does by itself and as this project ran before).
 * Each is measured with one client, with 16 clients at once (the group commit shares a commit
 * among them), and in batches of 1,000. Ratios are against `none`, measured in the same run.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { MongoClient } from 'mongodb';
import { pool, round, timed } from './measure';

const ROOT = resolve(__dirname, '../../..');
const MODES = ['fsync', 'commit', 'none'] as const;
type Mode = (typeof MODES)[number];

async function freePort(): Promise<number> {
  return new Promise((ok) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => ok(port));
    });
  });
}

async function measure(url: string): Promise<{ oneClient: number; sixteenClients: number; batched: number }> {
  const client = await MongoClient.connect(url);
  try {
    const col = client.db('bench_durability').collection('writes');
    const doc = (id: string) => ({
      _id: id as never,
      unitId: 'u-1',
      reportDate: '2026-03-02',
      counts: { residents: 80, staffOnDuty: 20 },
      outbox: [{ id: `e-${id}`, at: new Date() }],
    });
    for (let i = 0; i < 300; i++) await col.insertOne(doc(`warm-${i}`)); // JIT and file warm-up
    const ONE = 1_000;
    const one = await timed(async () => {
      for (let i = 0; i < ONE; i++) await col.insertOne(doc(`one-${i}`));
    });
    const MANY = 5_000;
    const many = await timed(() =>
      pool(
        Array.from({ length: MANY }, (_, i) => i),
        16,
        async (i) => void (await col.insertOne(doc(`many-${i}`))),
      ),
    );
    const BATCHED = 20_000;
    const batched = await timed(async () => {
      for (let b = 0; b < BATCHED; b += 1_000) await col.insertMany(Array.from({ length: 1_000 }, (_, i) => doc(`batch-${b + i}`)));
    });
    return { oneClient: ONE / one.seconds, sixteenClients: MANY / many.seconds, batched: BATCHED / batched.seconds };
  } finally {
    await client.close();
  }
}

export async function measureDurableWrites(): Promise<Record<Mode, { oneClient: number; sixteenClients: number; batched: number }>> {
  const out = {} as Record<Mode, { oneClient: number; sixteenClients: number; batched: number }>;
  for (const mode of MODES) {
    const dir = mkdtempSync(join(tmpdir(), `bench-durability-${mode}-`));
    const port = await freePort();
    const env = { ...process.env, CIVIL_STATE_DIR: dir, MONGO_PORT: String(port), MONGO_URL: '', MONGO_WIRE_DURABILITY: mode };
    execFileSync('bash', [join(ROOT, 'deploy/local/mongo.sh'), 'start'], { env, stdio: 'ignore' });
    try {
      out[mode] = await measure(`mongodb://127.0.0.1:${port}`);
    } finally {
      execFileSync('bash', [join(ROOT, 'deploy/local/mongo.sh'), 'stop'], { env, stdio: 'ignore' });
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const base = out.none;
  for (const mode of MODES) {
    const r = out[mode];
    console.log(
      `(a0) database writes, durability ${mode.padEnd(6)}: one client ${round(r.oneClient)}/s (${round(r.oneClient / base.oneClient, 2)}× none), ` +
        `16 clients ${round(r.sixteenClients)}/s (${round(r.sixteenClients / base.sixteenClients, 2)}×), batches of 1,000 ${round(r.batched)} docs/s (${round(r.batched / base.batched, 2)}×)`,
    );
  }
  return out;
}

if (require.main === module) {
  measureDurableWrites().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
