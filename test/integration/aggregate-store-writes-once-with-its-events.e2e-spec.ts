import { ReportMissedV1 } from '@civil/contracts';
import { DomainError } from '@civil/kernel';
import { OutboxEntry, outboxEntry, OutboxStore, PendingDocument } from '@civil/messaging';
import { AggregateStore, ConcurrentChangeError, connectMongo, Decision, EventMapper } from '@civil/persistence';
import { isolatedRun, mongoUrl } from '@civil/testing';
import type { Collection, Document } from 'mongodb';
import { Connection } from 'mongoose';

/** A counter aggregate: each change adds to it and publishes one event per change. */
interface Counter {
  counterId: string;
  value: number;
  divisionCode: string;
  note?: string;
}
type Added = { kind: 'added'; by: number };

const events: EventMapper<Counter, Added> = (changes, next) =>
  changes.map((c, i) =>
    outboxEntry(
      ReportMissedV1,
      { ...ReportMissedV1.example, unitId: next.counterId, reportId: `${next.counterId}:${next.value}:${i}:${c.by}` },
      { time: new Date('2026-03-02T02:00:00Z') },
    ),
  );

function add(by: number) {
  return (current: Counter): Decision<Counter, Added> => ({
    next: { ...current, value: current.value + by },
    changes: [{ kind: 'added', by }],
  });
}

/** What the store told the relay. */
class RecordingRelay {
  stores: string[] = [];
  written: PendingDocument[] = [];
  looked: unknown[] = [];
  ensureStore(store: OutboxStore): void {
    if (!this.stores.includes(store.name)) this.stores.push(store.name);
  }
  notifyWritten(_store: string, docs: readonly PendingDocument[]): void {
    this.written.push(...docs);
  }
  notify(_store: string, ids: readonly unknown[]): void {
    this.looked.push(...ids);
  }
  entries(): OutboxEntry[] {
    return this.written.flatMap((d) => d.entries);
  }
}

/**
 * The real collection, except that the next `failures` writes of the given method land and then
 * answer with a network error, as when the database dies between the commit and the reply (or,
 * `landing: false`, fail without landing, as while it is down).
 */
function answerLost(collection: Collection<Document>, method: 'insertOne' | 'updateOne' | 'bulkWrite', failures: number, landing = true) {
  let left = failures;
  return new Proxy(collection, {
    get(target, prop, receiver) {
      const real = Reflect.get(target, prop, receiver);
      if (prop !== method || typeof real !== 'function') return typeof real === 'function' ? real.bind(target) : real;
      return async (...args: unknown[]) => {
        const lost = left-- > 0;
        const r = lost && !landing ? undefined : await real.apply(target, args);
        if (lost) throw Object.assign(new Error('connection closed before the reply'), { name: 'MongoNetworkError' });
        return r;
      };
    },
  });
}

describe('aggregate store (real database)', () => {
  const run = isolatedRun('aggregate-store');
  let conn: Connection;
  let n = 0;
  const fresh = () => conn.db!.collection(`counters_${++n}`);
  const storeOn = (
    collection: Collection<Document>,
    relay = new RecordingRelay(),
    extra: Partial<{ preserve: string[]; hidden: string[] }> = {},
  ) => ({
    relay,
    store: new AggregateStore<Counter, 'counterId', Added>({ collection, idField: 'counterId', relay, events, noun: 'counter', ...extra }),
  });

  beforeAll(async () => {
    conn = await connectMongo(mongoUrl(), run.dbName('aggregate-store'));
  });

  afterAll(async () => {
    await conn.dropDatabase();
    await conn.close();
  });

  it('registers its collection with the relay, creates once, and answers false for an id that exists', async () => {
    const collection = fresh();
    const { store, relay } = storeOn(collection);
    expect(relay.stores).toEqual([collection.collectionName]);
    expect(await store.create({ counterId: 'c-1', value: 0, divisionCode: '330521' }, [{ kind: 'added', by: 0 }])).toBe(true);
    expect(await store.create({ counterId: 'c-1', value: 5, divisionCode: '330521' }, [{ kind: 'added', by: 5 }])).toBe(false);
    expect(await store.get('c-1')).toEqual({ value: { counterId: 'c-1', value: 0, divisionCode: '330521' }, version: 1 });
    // the event is in the document (the outbox) and was announced, once
    const doc = await collection.findOne({ _id: 'c-1' as never });
    expect(doc!.outbox.map((e: OutboxEntry) => e.id)).toEqual(relay.entries().map((e) => e.id));
    expect(relay.entries()).toHaveLength(1);
  });

  it('changes by compare-and-set: concurrent changes all count, each with its own event', async () => {
    const { store, relay } = storeOn(fresh());
    await store.create({ counterId: 'c-2', value: 0, divisionCode: '330521' }, []);
    const notFound = () => DomainError.notFound('CounterNotFound', 'no such counter');
    await Promise.all(Array.from({ length: 6 }, () => store.change('c-2', add(1), notFound)));
    expect((await store.get('c-2'))!.value.value).toBe(6);
    expect((await store.get('c-2'))!.version).toBe(7);
    expect(new Set(relay.entries().map((e) => e.id)).size).toBe(6);
  });

  it('leaves the aggregate as it is when the decision is to change nothing, and passes refusals through', async () => {
    const { store, relay } = storeOn(fresh());
    await store.create({ counterId: 'c-3', value: 1, divisionCode: '330521' }, []);
    const notFound = () => DomainError.notFound('CounterNotFound', 'no such counter');
    const r = await store.change('c-3', () => undefined, notFound);
    expect(r).toEqual({ state: { counterId: 'c-3', value: 1, divisionCode: '330521' }, version: 1, written: false });
    await expect(
      store.change(
        'c-3',
        () => {
          throw DomainError.conflict('NotNow', 'refused');
        },
        notFound,
      ),
    ).rejects.toMatchObject({ code: 'NotNow' });
    await expect(store.change('c-404', add(1), notFound)).rejects.toMatchObject({ code: 'CounterNotFound' });
    expect(relay.written).toEqual([]);
  });

  it('gives up with a 409-shaped, retryable ConcurrentUpdate when the document never stops changing', async () => {
    const collection = fresh();
    await collection.insertOne({ _id: 'c-4' as never, value: 0, divisionCode: '330521', version: 1 });
    // another writer changes the document between every read and write
    const overtaken = new Proxy(collection, {
      get(target, prop, receiver) {
        const real = Reflect.get(target, prop, receiver);
        if (prop !== 'updateOne') return typeof real === 'function' ? real.bind(target) : real;
        return async (filter: Document, update: Document) => {
          await target.updateOne({ _id: filter._id }, { $inc: { version: 1 } });
          return target.updateOne(filter, update);
        };
      },
    });
    const { store, relay } = storeOn(overtaken);
    const error = await store.change('c-4', add(1), () => new Error('unexpected')).catch((e) => e);
    expect(error).toBeInstanceOf(ConcurrentChangeError);
    expect(error).toMatchObject({ kind: 'conflict', code: 'ConcurrentUpdate', transient: true });
    expect((await collection.findOne({ _id: 'c-4' as never }))!.value).toBe(0);
    expect(relay.written).toEqual([]);
  });

  it('changes with an async decision: creates the first, decides again after every lost race, and counts each racer once', async () => {
    const { store, relay } = storeOn(fresh());
    const looked: string[] = [];
    // each decision reads elsewhere first (here: waits a turn of the event loop and records it), as a directory lookup would
    const decide = (by: number) => async (current: { value: Counter } | undefined) => {
      await new Promise((r) => setImmediate(r));
      looked.push(`${by}@${current?.value.value ?? 'none'}`);
      const base = current?.value ?? { counterId: 'w-1', value: 0, divisionCode: '330521' };
      return add(by)(base);
    };
    const results = await Promise.all([1, 2, 4, 8, 16].map((by) => store.changeWith('w-1', decide(by), 20)));
    expect(results.every((r) => r.written)).toBe(true);
    expect((await store.get('w-1'))!.value.value).toBe(31);
    expect(relay.entries()).toHaveLength(5);
    // at least one decision was taken on no document yet, and the racers that lost decided again on what was there
    expect(looked.some((l) => l.endsWith('@none'))).toBe(true);
    expect(looked.length).toBeGreaterThan(5);
    // a decision to change nothing writes nothing
    expect(await store.changeWith('w-1', async () => undefined)).toEqual({
      state: { counterId: 'w-1', value: 31, divisionCode: '330521' },
      written: false,
    });
    expect(await store.changeWith('w-none', async () => undefined)).toEqual({ state: undefined, written: false });
  });

  it('changeWith gives up with ConcurrentUpdate when another writer wins every round', async () => {
    const collection = fresh();
    const { store } = storeOn(collection);
    await store.create({ counterId: 'w-2', value: 0, divisionCode: '330521' }, []);
    const error = await store
      .changeWith(
        'w-2',
        async (current) => {
          await collection.updateOne({ _id: 'w-2' as never }, { $inc: { version: 1 } }); // someone else writes meanwhile
          return add(1)(current!.value);
        },
        4,
      )
      .catch((e) => e);
    expect(error).toBeInstanceOf(ConcurrentChangeError);
    expect((await collection.findOne({ _id: 'w-2' as never }))!.value).toBe(0);
  });

  it('changes many in one bulk read and write: creates the missing, skips the unchanged, and loses no race', async () => {
    const { store, relay } = storeOn(fresh());
    const ids = Array.from({ length: 60 }, (_, i) => `m-${String(i).padStart(2, '0')}`);
    for (const id of ids.slice(0, 40)) await store.create({ counterId: id, value: 0, divisionCode: '330521' }, []);
    const notFound = () => new Error('unexpected');
    // single changes race the bulk write on the first ten
    const racing = ids.slice(0, 10).map((id) => store.change(id, add(100), notFound));
    const many = await store.changeMany(ids, (current, id) => {
      if (id.endsWith('5')) return undefined; // left as it is
      return current ? add(1)(current) : { next: { counterId: id, value: 1, divisionCode: '330521' }, changes: [{ kind: 'added', by: 1 }] };
    });
    await Promise.all(racing);
    const after = await store.getMany(ids);
    expect(after.size).toBe(60 - 2); // m-45 and m-55 did not exist and were left alone
    for (const id of ids) {
      const expected = (id.endsWith('5') ? 0 : 1) + (ids.indexOf(id) < 10 ? 100 : 0);
      if (after.has(id)) expect([id, after.get(id)!.value.value]).toEqual([id, expected]);
    }
    expect(many.unchanged.sort()).toEqual(ids.filter((id) => id.endsWith('5')).sort());
    expect(many.written.size).toBe(54);
    expect(many.events).toBe(54);
    expect(new Set(relay.entries().map((e) => e.id)).size).toBe(54 + 10);
  });

  it('keeps preserved fields of another writer and never hands back hidden ones', async () => {
    const collection = fresh();
    const { store } = storeOn(collection, new RecordingRelay(), { preserve: ['note'], hidden: ['audit'] });
    await store.create({ counterId: 'c-5', value: 0, divisionCode: '330521' }, [], { audit: { at: 'created' } });
    await collection.updateOne({ _id: 'c-5' as never }, { $set: { note: 'the other writer' } });
    await store.change(
      'c-5',
      (c) => ({ next: { ...c, value: 1, note: 'overwritten?' }, changes: [], push: { audit: { at: 'changed' } } }),
      () => new Error('x'),
    );
    const doc = await collection.findOne({ _id: 'c-5' as never });
    expect(doc).toMatchObject({ note: 'the other writer', value: 1, audit: [{ at: 'created' }, { at: 'changed' }] });
    expect(await store.get('c-5')).toEqual({
      value: { counterId: 'c-5', value: 1, divisionCode: '330521', note: 'the other writer' },
      version: 2,
    });
  });

  it('removes a field the next state no longer has (a case replaced by a new one keeps nothing of the old)', async () => {
    const collection = fresh();
    const { store } = storeOn(collection);
    await store.create({ counterId: 'c-9', value: 1, divisionCode: '330521', note: 'resolved long ago' }, []);
    await store.change(
      'c-9',
      (c) => ({ next: { counterId: c.counterId, value: 2, divisionCode: c.divisionCode }, changes: [] }),
      () => new Error('x'),
    );
    await store.changeMany(['c-9'], (c) => ({ next: { ...c!, value: 3 }, changes: [] }));
    expect(await store.get('c-9')).toEqual({ value: { counterId: 'c-9', value: 3, divisionCode: '330521' }, version: 3 });
    expect(Object.keys((await collection.findOne({ _id: 'c-9' as never }))!)).not.toContain('note');
  });

  describe('a write that landed but was not answered', () => {
    it('creation: tells the relay to look, and answers true instead of refusing its own document as a duplicate', async () => {
      const collection = fresh();
      const relay = new RecordingRelay();
      const { store } = storeOn(answerLost(collection, 'insertOne', 1), relay);
      expect(await store.create({ counterId: 'c-6', value: 0, divisionCode: '330521' }, [{ kind: 'added', by: 0 }])).toBe(true);
      expect(relay.looked).toEqual(['c-6']);
      expect(await collection.countDocuments({ _id: 'c-6' as never })).toBe(1);
    });

    it('change: applied once, not again on the retry', async () => {
      const collection = fresh();
      await collection.insertOne({ _id: 'c-7' as never, value: 0, divisionCode: '330521', version: 1 });
      const relay = new RecordingRelay();
      const { store } = storeOn(answerLost(collection, 'updateOne', 1), relay);
      const r = await store.change('c-7', add(1), () => new Error('x'));
      expect(r).toMatchObject({ state: { value: 1 }, written: true });
      expect((await collection.findOne({ _id: 'c-7' as never }))!.value).toBe(1);
      expect(relay.looked).toEqual(['c-7']);
    });

    it('bulk change: applied once per document, not again on the retry', async () => {
      const collection = fresh();
      const ids = ['b-1', 'b-2', 'b-3'];
      for (const id of ids) await collection.insertOne({ _id: id as never, value: 0, divisionCode: '330521', version: 1 });
      const relay = new RecordingRelay();
      const { store } = storeOn(answerLost(collection, 'bulkWrite', 1), relay);
      const many = await store.changeMany(ids, (c) => add(1)(c!));
      expect(many.written.size).toBe(3);
      const docs = await collection.find({}).toArray();
      expect(docs.map((d) => d.value)).toEqual([1, 1, 1]);
      expect(relay.looked.sort()).toEqual(ids);
    });

    it('compare-and-set once: a landed attempt counts as written, and its events are looked for', async () => {
      const collection = fresh();
      await collection.insertOne({ _id: 'c-10' as never, value: 0, divisionCode: '330521', version: 1 });
      const relay = new RecordingRelay();
      const { store } = storeOn(answerLost(collection, 'updateOne', 1), relay);
      const current = (await store.get('c-10'))!;
      expect(await store.saveIf(current, add(1)(current.value))).toBe(true);
      expect(await collection.findOne({ _id: 'c-10' as never })).toMatchObject({ value: 1, version: 2 });
      expect(relay.looked).toEqual(['c-10']);
      // the same decision again, on the version it was taken on: someone (this call) wrote since
      expect(await storeOn(collection).store.saveIf(current, add(1)(current.value))).toBe(false);
    });

    it('an outage that lasts: the error reaches the caller after the store has tried', async () => {
      const collection = fresh();
      const relay = new RecordingRelay();
      const { store } = storeOn(answerLost(collection, 'insertOne', 10, false), relay);
      await expect(store.create({ counterId: 'c-8', value: 0, divisionCode: '330521' }, [])).rejects.toMatchObject({
        name: 'MongoNetworkError',
      });
      expect(await collection.countDocuments({})).toBe(0);
      expect(relay.looked).toEqual(['c-8', 'c-8', 'c-8']);
      expect(relay.written).toEqual([]);
    });
  });
});
