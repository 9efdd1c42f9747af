import { randomBytes } from 'node:crypto';
import type { OutboxEntry, OutboxStore, PendingDocument } from '@civil/messaging';
import { Collection, Document, MongoClient } from 'mongodb';
import { ConcurrentChangeError } from './aggregate-store';
import { MarkedPlan, MarkerOutbox } from './marker-outbox';

/** A write that adds `items` to a bucket from index `from`. */
interface TestMarker {
  bucket: string;
  from: number;
  at: Date;
}

interface Bucket {
  _id: string;
  version: number;
  items: string[];
}

/** What the relay heard: the stores it knows, what was announced, and what it was told to look at. */
class HeardRelay {
  stores: OutboxStore[] = [];
  written: PendingDocument[] = [];
  looked: unknown[] = [];
  published = 0;
  ensureStore(store: OutboxStore): void {
    if (!this.stores.some((s) => s.name === store.name)) this.stores.push(store);
  }
  notify(_store: string, ids: readonly unknown[]): void {
    this.looked.push(...ids);
  }
  notifyWritten(_store: string, docs: readonly PendingDocument[]): void {
    this.written.push(...docs);
    this.published += docs.reduce((n, d) => n + d.entries.length, 0);
  }
}

const entryOf = (bucket: string, item: string): OutboxEntry => ({
  id: `e-${item}`,
  topic: 'items',
  key: bucket,
  value: item,
  headers: {},
  at: new Date(),
});

describe('MarkerOutbox on the database', () => {
  const client = new MongoClient(process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27117');
  const dbName = `t_marker_outbox_${randomBytes(4).toString('hex')}`;
  let buckets: Collection<Bucket>;
  let relay: HeardRelay;
  let outbox: MarkerOutbox<TestMarker>;
  let markers: Collection<Document>;

  const markerId = (m: Pick<TestMarker, 'bucket' | 'from'>) => `${m.bucket}#${m.from}`;
  const read = (bucket: string) => buckets.findOne({ _id: bucket });
  /** Adds `item` to the bucket unless it holds it, by compare-and-set on the version read. */
  const plan =
    (bucket: string, item: string, write?: (current: Bucket | null) => Promise<boolean>) =>
    (current: Bucket | null): MarkedPlan<TestMarker, string> => {
      if (current?.items.includes(item)) return { result: 'had it' };
      return {
        result: 'added',
        write: {
          marker: { bucket, from: current?.items.length ?? 0, at: new Date() },
          entries: () => [entryOf(bucket, item)],
          write: write ? () => write(current) : () => append(bucket, current, item),
        },
      };
    };
  const append = async (bucket: string, current: Bucket | null, item: string) => {
    if (!current) {
      try {
        await buckets.insertOne({ _id: bucket, version: 1, items: [item] });
        return true;
      } catch {
        return false;
      }
    }
    const r = await buckets.updateOne(
      { _id: bucket, version: current.version },
      { $set: { version: current.version + 1 }, $push: { items: item } },
    );
    return r.matchedCount === 1;
  };

  beforeAll(async () => {
    await client.connect();
    buckets = client.db(dbName).collection<Bucket>('buckets');
  });

  beforeEach(async () => {
    const name = `markers_${randomBytes(3).toString('hex')}`;
    markers = client.db(dbName).collection(name);
    relay = new HeardRelay();
    outbox = new MarkerOutbox<TestMarker>({
      collection: markers,
      relay,
      idOf: markerId,
      recoverAfterMs: 0,
      resolve: async (ms) => {
        const found = await Promise.all(ms.map((m) => read(m.bucket)));
        return ms.map((m, i) => {
          const items = found[i]?.items.slice(m.from) ?? [];
          if (items.length) return { entries: items.map((x) => entryOf(m.bucket, x)) };
          const stored = found[i];
          return {
            fence: async () =>
              stored
                ? (await buckets.updateOne({ _id: m.bucket, version: stored.version }, { $set: { version: stored.version + 1 } }))
                    .matchedCount === 1
                : await append(m.bucket, null, '').then(() => true),
          };
        });
      },
    });
  });

  afterAll(async () => {
    await client.db(dbName).dropDatabase();
    await client.close();
  });

  it('registers its collection with the relay', () => {
    expect(relay.stores).toHaveLength(1);
    expect(relay.stores[0]).toBe(outbox);
    expect(outbox.name).toBe(markers.collectionName);
  });

  it('marks before the write, announces its events once, and leaves one marker across a lost race and a lost answer', async () => {
    const bucket = `b-${randomBytes(3).toString('hex')}`;
    await buckets.insertOne({ _id: bucket, version: 1, items: ['a'] });
    let calls = 0;
    const result = await outbox.write(
      await read(bucket),
      plan(bucket, 'b', async (current) => {
        calls++;
        // the marker is in place before every try of the write
        expect(await markers.findOne({ _id: `${bucket}#1` as never })).not.toBeNull();
        if (calls === 1) {
          // someone moved the version on (the recovery scan's fence): the race is lost
          await buckets.updateOne({ _id: bucket }, { $inc: { version: 1 } });
          return append(bucket, current, 'b');
        }
        // the write lands, but its answer is lost
        expect(await append(bucket, current, 'b')).toBe(true);
        throw Object.assign(new Error('connection closed'), { name: 'MongoNetworkError' });
      }),
      () => read(bucket),
    );
    expect(result).toBe('had it'); // read again after the lost answer: the write had landed
    expect(calls).toBe(2);
    expect((await read(bucket))!.items).toEqual(['a', 'b']);
    expect(await markers.find({}).toArray()).toHaveLength(1);
    // told to look at the marker, whose events the bucket holds
    expect(relay.looked).toEqual([`${bucket}#1`]);
    expect(relay.written).toEqual([]);
    const pending = await outbox.pending(10, relay.looked);
    expect(pending.map((p) => [p.docId, p.entries.map((e) => e.value)])).toEqual([[`${bucket}#1`, ['b']]]);
    await outbox.markPublished([{ docId: `${bucket}#1`, entryIds: ['e-b'] }]);
    expect(await markers.find({}).toArray()).toEqual([]);
  });

  it('lets writers of one bucket side by side each add theirs once, with their events', async () => {
    const bucket = `b-${randomBytes(3).toString('hex')}`;
    const items = ['p', 'q', 'r', 's', 't'];
    const results = await Promise.all(items.map((x) => outbox.write(null as Bucket | null, plan(bucket, x), () => read(bucket))));
    expect(results).toEqual(items.map(() => 'added'));
    expect([...(await read(bucket))!.items].sort()).toEqual(items);
    expect(relay.written.flatMap((d) => d.entries.map((e) => e.value)).sort()).toEqual(items);
    // each announced write under the marker of where it landed
    const stored = (await read(bucket))!.items;
    for (const d of relay.written) expect(d.docId).toBe(`${bucket}#${stored.indexOf(String(d.entries[0].value))}`);
    // one marker per start a writer tried; the recovery scan rebuilds every item from them
    const ids = (await markers.find({}).toArray()).map((d) => String(d._id)).sort();
    expect(ids).toEqual(items.map((_x, i) => `${bucket}#${i}`));
    const recovered = await outbox.pending(100);
    expect([...new Set(recovered.flatMap((d) => d.entries.map((e) => e.value)))].sort()).toEqual(items);
    await outbox.markPublished(recovered.map((d) => ({ docId: d.docId, entryIds: [] })));
    expect(await markers.countDocuments()).toBe(0);
  });

  it('gives up on a bucket that keeps changing with a ConcurrentChangeError', async () => {
    const bucket = `b-${randomBytes(3).toString('hex')}`;
    await buckets.insertOne({ _id: bucket, version: 1, items: [] });
    const failing = outbox.write(
      await read(bucket),
      plan(bucket, 'x', async () => false),
      () => read(bucket),
      { what: `bucket ${bucket}`, details: { bucket } },
    );
    await expect(failing).rejects.toBeInstanceOf(ConcurrentChangeError);
    await expect(failing).rejects.toThrow(`bucket ${bucket} kept changing`);
    expect(relay.written).toEqual([]);
  });

  it('removes a marker whose write is not there only after fencing the data as read', async () => {
    const bucket = `b-${randomBytes(3).toString('hex')}`;
    await buckets.insertOne({ _id: bucket, version: 1, items: ['a'] });
    const before = (await read(bucket))!;
    await outbox.mark([{ bucket, from: 1, at: new Date(0) }]);
    expect(await outbox.pending(10)).toEqual([]);
    expect(await markers.find({}).toArray()).toEqual([]);
    // the write the marker announced, decided on the read before the scan, can no longer land
    expect(await append(bucket, before, 'late')).toBe(false);
  });
});
