import { randomBytes } from 'node:crypto';
import { Collection, Db, Document, MongoClient } from 'mongodb';
import { ConcurrentChangeError } from './aggregate-store';
import { ClaimOutcome, KeyClaims } from './key-claims';

interface Held extends Document {
  site: string;
  at: Date;
}

/** On the real database: one holder per key however the claimants race. */
describe('KeyClaims', () => {
  const client = new MongoClient(process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27117');
  const dbName = `t_key_claims_${randomBytes(4).toString('hex')}`;
  let db: Db;
  let collection: Collection<Document>;
  let claims: KeyClaims<Held>;
  const data = (site = 'h-1'): Held => ({ site, at: new Date() });
  const key = () => `slot:h-1:${randomBytes(4).toString('hex')}`;
  const count = (outcomes: ClaimOutcome<Held>[], outcome: ClaimOutcome<Held>['outcome']) =>
    outcomes.filter((o) => o.outcome === outcome).length;

  beforeAll(async () => {
    await client.connect();
    db = client.db(dbName);
    collection = db.collection('claims');
    claims = new KeyClaims<Held>({ collection, holderField: 'caseId' });
    await claims.ensureIndexes();
  });

  afterAll(async () => {
    await db?.dropDatabase();
    await client.close();
  });

  it('gives a key claimed by many at once to exactly one of them', async () => {
    const k = key();
    const claimants = Array.from({ length: 12 }, (_, i) => `c-${i}`);
    const outcomes = await Promise.all(claimants.map((c) => claims.claim(k, c, data())));
    expect(count(outcomes, 'held')).toBe(1);
    expect(count(outcomes, 'refused')).toBe(11);
    const winner = claimants[outcomes.findIndex((o) => o.outcome === 'held')];
    expect((await claims.holderOf(k))?.holder).toBe(winner);
    // every refusal names the winner
    for (const o of outcomes) if (o.outcome === 'refused') expect(o.holder.holder).toBe(winner);
    expect(await collection.countDocuments({ _id: k as never })).toBe(1);
  });

  it('lets exactly one of many claimants take over a stale holder', async () => {
    const k = key();
    await claims.claim(k, 'crashed', data('h-old'));
    const claimants = Array.from({ length: 12 }, (_, i) => `c-${i}`);
    const outcomes = await Promise.all(claimants.map((c) => claims.claim(k, c, data('h-new'), (h) => h.holder === 'crashed')));
    expect(count(outcomes, 'taken')).toBe(1);
    expect(count(outcomes, 'refused')).toBe(11);
    const taken = outcomes.find((o) => o.outcome === 'taken') as Extract<ClaimOutcome<Held>, { outcome: 'taken' }>;
    expect(taken.from.holder).toBe('crashed');
    expect(taken.from.data.site).toBe('h-old');
    const holder = await claims.holderOf(k);
    expect(holder?.holder).toBe(claimants[outcomes.indexOf(taken)]);
    // the take-over stored the new holder's data
    expect(holder?.data.site).toBe('h-new');
  });

  it('refuses a holder that is not stale and leaves it holding', async () => {
    const k = key();
    await claims.claim(k, 'first', data('h-first'));
    const checked: string[] = [];
    const refused = await claims.claim(k, 'second', data(), (h) => {
      checked.push(h.holder);
      return false;
    });
    expect(refused).toEqual({ outcome: 'refused', holder: { holder: 'first', data: expect.objectContaining({ site: 'h-first' }) } });
    expect(checked).toEqual(['first']);
    // without a staleness check any other holder is refused
    expect((await claims.claim(k, 'third', data())).outcome).toBe('refused');
    // a refusal the check throws reaches the caller
    await expect(
      claims.claim(k, 'fourth', data(), () => {
        throw new Error('still there');
      }),
    ).rejects.toThrow('still there');
    expect((await claims.holderOf(k))?.holder).toBe('first');
  });

  it('is held again by the holder that already holds it', async () => {
    const k = key();
    expect(await claims.claim(k, 'c-1', data())).toEqual({ outcome: 'held' });
    expect(await claims.claim(k, 'c-1', data(), () => true)).toEqual({ outcome: 'held' });
    expect(await collection.countDocuments({ _id: k as never })).toBe(1);
  });

  it('releases only for its holder, after which the key can be claimed again', async () => {
    const k = key();
    await claims.claim(k, 'c-1', data());
    expect(await claims.release(k, 'c-2')).toBe(false);
    expect((await claims.claim(k, 'c-2', data())).outcome).toBe('refused');
    expect(await claims.release(k, 'c-1')).toBe(true);
    expect(await claims.holderOf(k)).toBeUndefined();
    expect(await claims.claim(k, 'c-2', data())).toEqual({ outcome: 'held' });
    expect((await claims.holdersOf([k, key()])).get(k)?.holder).toBe('c-2');
  });

  it('gives up after its rounds when the holder keeps changing under the take-over', async () => {
    const k = key();
    await claims.claim(k, 'h-0', data());
    let changes = 0;
    // each staleness check sees its holder replaced before the take-over's compare-and-swap
    const racing = (h: { holder: string }) =>
      collection.updateOne({ _id: k as never, caseId: h.holder }, { $set: { caseId: `h-${++changes}` } }).then(() => true);
    await expect(claims.claim(k, 'late', data(), racing)).rejects.toBeInstanceOf(ConcurrentChangeError);
    expect(changes).toBe(5);
    const busy = new Error('busy');
    await expect(claims.claim(k, 'late', data(), racing, { conflict: () => busy })).rejects.toBe(busy);
    expect((await claims.holderOf(k))?.holder).toBe(`h-${changes}`);
  });
});
