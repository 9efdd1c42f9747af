import { MongoClient } from 'mongodb';
import { PrivateServer } from './support/private-servers';

/**
 * The embedded database's unique indexes are ordered by value, not by serialised bytes; they must
 * find every key and refuse every duplicate before and after the server is killed (SIGKILL) and
 * opened again from its file, for keys of every type the services use.
 */
interface Row {
  _id: string;
  unit: unknown;
  day: unknown;
  version?: number;
}

describe('database SIGKILL: unique indexes come back whole', () => {
  let mongo: PrivateServer;
  let client: MongoClient | undefined;

  beforeAll(async () => {
    mongo = await (await PrivateServer.mongo()).start();
  }, 120_000);

  afterAll(async () => {
    await client?.close().catch(() => undefined);
    await mongo?.destroy();
  });

  const connect = async () => {
    await client?.close().catch(() => undefined);
    client = await MongoClient.connect(mongo.address, { serverSelectionTimeoutMS: 10_000 });
    return client.db('fault-index').collection<Row>('rows');
  };

  // a key's parts: strings (incl. Chinese and ones that are prefixes of each other), numbers of both
  // widths, negative and fractional numbers, dates, booleans and null
  const keyOf = (i: number): { unit: unknown; day: unknown } => {
    const unit = [`u-${i % 97}`, `单位-${i % 13}`, i % 89, -(i % 7) - 0.5, i % 2 === 0, null, `u-${i % 97}-x`][i % 7];
    return { unit, day: i % 3 === 0 ? new Date(Date.UTC(2026, 0, 1 + Math.floor(i / 7))) : Math.floor(i / 7) };
  };
  const N = 3_000;
  const rows = Array.from({ length: N }, (_, i) => ({ _id: `r-${i}`, ...keyOf(i), version: 0 }));
  // the first row of each key is the one kept (inserts run in order)
  const distinct = new Map<string, (typeof rows)[number]>();
  for (const r of rows) if (!distinct.has(JSON.stringify([r.unit, r.day]))) distinct.set(JSON.stringify([r.unit, r.day]), r);

  async function check(rowsCol: Awaited<ReturnType<typeof connect>>, label: string) {
    const expected = [...distinct.values()];
    const found = await rowsCol.find({}, { projection: { _id: 1 } }).toArray();
    expect({ label, count: found.length }).toEqual({ label, count: expected.length });
    const missingById: string[] = [];
    for (const r of expected) if (!(await rowsCol.findOne({ _id: r._id }))) missingById.push(r._id);
    expect({ label, missingById }).toEqual({ label, missingById: [] });
    const accepted: string[] = [];
    for (const r of expected.filter((_, i) => i % 10 === 0)) {
      const dup = await rowsCol.insertOne({ _id: `dup-${r._id}-${label}`, unit: r.unit, day: r.day }).then(
        () => true,
        (e: { code?: number }) => (e.code === 11000 ? false : Promise.reject(e)),
      );
      if (dup) accepted.push(r._id);
    }
    expect({ label, duplicatesAccepted: accepted }).toEqual({ label, duplicatesAccepted: [] });
    // a compare-and-set on {_id, version} still finds its document, and only once
    const casMissed: string[] = [];
    for (const r of expected.filter((_, i) => i % 25 === 0)) {
      const before = (await rowsCol.findOne({ _id: r._id }))!.version as number;
      const first = await rowsCol.updateOne({ _id: r._id, version: before }, { $set: { version: before + 1 } });
      const again = await rowsCol.updateOne({ _id: r._id, version: before }, { $set: { version: before + 1 } });
      if (first.modifiedCount !== 1 || again.modifiedCount !== 0) casMissed.push(r._id);
    }
    expect({ label, casMissed }).toEqual({ label, casMissed: [] });
  }

  it('finds every key and refuses every duplicate before and after two kills', async () => {
    let rowsCol = await connect();
    await rowsCol.createIndex({ unit: 1, day: 1 }, { unique: true, name: 'unit_day' });
    await rowsCol.createIndex({ _id: 1, version: 1 }, { unique: true, name: 'id_version' });
    let refused = 0;
    for (let i = 0; i < N; i += 500) {
      const r = await rowsCol
        .insertMany(rows.slice(i, i + 500), { ordered: false })
        .catch((e: { code?: number; insertedCount?: number }) =>
          e.code === 11000 ? { insertedCount: e.insertedCount ?? 0 } : Promise.reject(e),
        );
      refused += Math.min(500, N - i) - r.insertedCount;
    }
    expect(refused).toBe(N - distinct.size);
    await check(rowsCol, 'before');
    for (const round of ['after one kill', 'after two kills']) {
      await mongo.kill();
      await mongo.start();
      rowsCol = await connect();
      await check(rowsCol, round);
    }
  }, 240_000);
});
