import { randomBytes } from 'node:crypto';
import type { OutboxEntry, PendingDocument } from '@civil/messaging';
import { Collection, Document, MongoClient } from 'mongodb';
import { AggregateStore, ConcurrentChangeError } from './aggregate-store';

interface Entry {
  n: number;
  v: number;
}

describe('AggregateStore.changeFields on the database', () => {
  const client = new MongoClient(process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27117');
  const dbName = `t_change_fields_${randomBytes(4).toString('hex')}`;
  let docs: Collection<Document>;
  let written: PendingDocument[];
  let store: AggregateStore<{ _id: string }, '_id', string>;
  const relay = {
    ensureStore: () => undefined,
    notify: () => undefined,
    notifyWritten: (_name: string, d: readonly PendingDocument[]) => void written.push(...d),
  };
  const entryEvent = (c: string): OutboxEntry => ({ id: c, topic: 'entries', key: c, value: c, headers: {}, at: new Date() });
  const entryOf = (current: Document, who: string) => (current.members as Record<string, Entry> | undefined)?.[who];
  /** Adds one to `who`'s entry in `bucket`, counting only its own lost races. */
  const bump = (bucket: string, who: string, attempts = 2) =>
    store.changeFields(
      bucket,
      [`members.${who}`],
      (current) => {
        const e = entryOf(current, who);
        return { fields: { [`members.${who}`]: { n: (e?.n ?? 0) + 1, v: (e?.v ?? 0) + 1 } }, changes: [`${who}:${(e?.n ?? 0) + 1}`] };
      },
      {
        own: (current) => entryOf(current, who)?.v ?? 0,
        create: () => ({ members: {} }),
        attempts,
        tries: 256,
        conflict: { message: `${who} kept changing`, details: { who } },
      },
    );

  beforeAll(async () => {
    await client.connect();
    docs = client.db(dbName).collection('buckets');
  });

  beforeEach(() => {
    written = [];
    store = new AggregateStore<{ _id: string }, '_id', string>({
      collection: docs,
      idField: '_id',
      relay,
      events: (changes) => changes.map(entryEvent),
      noun: 'bucket',
    });
  });

  afterAll(async () => {
    await client.db(dbName).dropDatabase();
    await client.close();
  });

  it('creates the document when first needed and writes the entry with its events', async () => {
    const bucket = `b-${randomBytes(3).toString('hex')}`;
    expect(await bump(bucket, 'p1')).toBe(true);
    const doc = await docs.findOne({ _id: bucket as never });
    expect(doc).toMatchObject({ version: 2, members: { p1: { n: 1, v: 1 } } });
    expect(written.map((d) => [d.docId, d.entries.map((e) => e.id)])).toEqual([[bucket, ['p1:1']]]);
  });

  it('lets neighbours in one bucket write side by side without failing each other', async () => {
    const bucket = `b-${randomBytes(3).toString('hex')}`;
    const people = Array.from({ length: 12 }, (_, i) => `p${i}`);
    // two own attempts each, yet twelve writers race for one version: lost races to neighbours do not count
    await Promise.all(people.map((p) => bump(bucket, p, 2)));
    const doc = await docs.findOne({ _id: bucket as never });
    expect(Object.keys(doc!.members).sort()).toEqual([...people].sort());
    expect(doc!.version).toBe(1 + people.length);
    expect(written.flatMap((d) => d.entries.map((e) => e.id)).sort()).toEqual(people.map((p) => `${p}:1`).sort());
  });

  it('gives up with a ConcurrentChangeError when the entry itself keeps changing', async () => {
    const bucket = `b-${randomBytes(3).toString('hex')}`;
    await bump(bucket, 'p1');
    // someone else changes this very entry between every read and write
    const contested = Object.create(docs) as Collection<Document>;
    contested.updateOne = (async (filter: Document, update: Document) => {
      await docs.updateOne({ _id: bucket as never }, { $inc: { version: 1, 'members.p1.v': 1 } });
      return docs.updateOne(filter, update);
    }) as never;
    const losing = new AggregateStore<{ _id: string }, '_id', string>({
      collection: contested,
      idField: '_id',
      relay,
      events: (changes) => changes.map(entryEvent),
    });
    let decided = 0;
    const failing = losing.changeFields(
      bucket,
      ['members.p1'],
      (current) => {
        decided++;
        const e = entryOf(current, 'p1')!;
        return { fields: { 'members.p1': { n: e.n + 1, v: e.v + 1 } }, changes: [] };
      },
      {
        own: (current) => entryOf(current, 'p1')?.v ?? 0,
        attempts: 3,
        tries: 256,
        conflict: { message: 'p1 kept changing', details: { who: 'p1' } },
      },
    );
    await expect(failing).rejects.toBeInstanceOf(ConcurrentChangeError);
    await expect(failing).rejects.toThrow('p1 kept changing');
    expect(decided).toBe(3);
    expect((await docs.findOne({ _id: bucket as never }))!.members.p1.n).toBe(1);
  });

  it('leaves the document as it is when the decision is to leave it', async () => {
    const bucket = `b-${randomBytes(3).toString('hex')}`;
    await bump(bucket, 'p1');
    expect(await store.changeFields(bucket, ['members.p1'], () => undefined)).toBe(false);
    expect((await docs.findOne({ _id: bucket as never }))!.version).toBe(2);
  });
});
