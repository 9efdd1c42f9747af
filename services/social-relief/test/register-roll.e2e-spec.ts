import { INestApplication } from '@nestjs/common';
import { ReliefStatusChangedV1, ReliefStatusTopic } from '@civil/contracts';
import { divisionAncestors, SettableClock } from '@civil/kernel';
import { OutboxEntry, outboxEntry, OutboxRelay, TopicNames } from '@civil/messaging';
import { connectMongo } from '@civil/persistence';
import { bearer, isolatedRun, mongoUrl, TopicRecorder, waitFor } from '@civil/testing';
import { randomBytes } from 'node:crypto';
import type { Connection } from 'mongoose';
import request from 'supertest';
import { PersonRegistry } from '../src/people/application/person-registry';
import { Person, RegisterMembership } from '../src/people/domain/person';
import { rollBucketOf } from '../src/people/domain/register-roll';
import { PersonRepository } from '../src/people/infrastructure/person.repository';
import { admin, countyOfficer, idNumber, startSocialRelief } from './support';

/** Person ids that all hash to one roll bucket: the first bucket `count` candidates share. */
function idsInOneBucket(count: number): { bucket: number; ids: string[] } {
  const byBucket = new Map<number, string[]>();
  for (let n = 0; ; n++) {
    const id = `p-roll-${n}`;
    const b = rollBucketOf(id);
    const ids = [...(byBucket.get(b) ?? []), id];
    if (ids.length === count) return { bucket: b, ids };
    byBucket.set(b, ids);
  }
}

/** A person document as `persons` held it before the roll: memberships on the person. */
function legacyPersonDoc(
  personId: string,
  memberships: RegisterMembership[],
  personKey = randomBytes(32).toString('hex'),
  outbox: OutboxEntry[] = [],
) {
  return {
    _id: personId,
    personKey,
    nameEnc: 'v1:legacy',
    idNumberEnc: 'v1:legacy',
    phoneEnc: null,
    nameMasked: '李*',
    idNumberMasked: '3305**********1234',
    phoneMasked: null,
    birthDate: '1950-01-01',
    sex: 'male',
    divisionCode: '330521101',
    divisionAncestors: divisionAncestors('330521101'),
    memberships,
    createdAt: new Date('2022-01-01T00:00:00Z'),
    version: 1,
    outbox,
  };
}

const dibao = (sourceId: string, from: string): RegisterMembership => ({
  register: 'dibao',
  sourceType: 'household',
  sourceId,
  from,
  to: null,
});

describe('register roll: memberships kept in hash buckets, written by compare-and-set, moved from people once', () => {
  const run = isolatedRun('sr-roll');
  const clock = new SettableClock('2026-03-02T02:00:00Z');
  const topic = new TopicNames(run.topicPrefix).physical(ReliefStatusTopic.name);
  const legacy = 'p-legacy-on-person';
  // moved onto the roll earlier, but the person's copy was not dropped yet (a start that stopped half-way)
  const halfMoved = 'p-legacy-half-moved';
  const legacyKey = randomBytes(32).toString('hex');
  let legacyEventId = '';
  let db: Connection;
  let app: INestApplication;
  let recorder: TopicRecorder;
  const http = () => request(app.getHttpServer());
  const roll = () => db.collection('register_roll');
  const persons = () => db.collection('persons');
  const statusOf = (personKey: string) => recorder.of(topic, ReliefStatusChangedV1.type).filter((m) => m.key === personKey);

  /** Writes a person's own document as PersonRegistry does (the memberships are the roll's). */
  const insertPerson = ({ memberships: _onTheRoll, ...stored }: Person) => app.get(PersonRepository).store.create(stored, []);

  const personFixture = (personId: string): Person => ({
    personId,
    personKey: randomBytes(32).toString('hex'),
    nameEnc: 'v1:x',
    idNumberEnc: 'v1:x',
    phoneEnc: null,
    nameMasked: '周*',
    idNumberMasked: '3305**********0000',
    phoneMasked: null,
    birthDate: '1960-01-01',
    sex: 'female',
    divisionCode: '330521101',
    divisionAncestors: divisionAncestors('330521101'),
    memberships: [],
    createdAt: clock.now(),
  });

  beforeAll(async () => {
    db = await connectMongo(mongoUrl(), run.dbName('social-relief'));
    // the legacy person's ReliefStatusChanged was still waiting in its document when the service stopped
    const waiting = {
      ...outboxEntry(
        ReliefStatusChangedV1,
        { personKey: legacyKey, registers: ['dibao'], divisionCode: '330521101', changedAt: '2022-01-01T00:00:00.000Z' },
        { time: new Date('2022-01-01T00:00:00Z') },
      ),
      at: new Date('2022-01-01T00:00:00Z'),
    };
    legacyEventId = waiting.id;
    await persons().insertMany([
      legacyPersonDoc(legacy, [dibao('h-legacy', '2022-01-01')], legacyKey, [waiting]),
      legacyPersonDoc(halfMoved, [dibao('h-half', '2022-01-01')]),
    ] as never[]);
    const newer = { divisionCode: '330521101', memberships: [{ ...dibao('h-half', '2022-01-01'), to: '2024-01-01' }], v: 2 };
    await roll().insertOne({
      _id: `roll#${rollBucketOf(halfMoved)}` as never,
      bucket: rollBucketOf(halfMoved),
      version: 3,
      members: { [halfMoved]: newer },
      outbox: [],
    });
    app = await startSocialRelief(run, clock);
    recorder = await new TopicRecorder([topic]).start();
  });

  afterAll(async () => {
    await recorder?.stop();
    await app?.close();
    await db?.close();
  });

  it('moves memberships from people written before the roll onto it at start-up, keeping a newer roll entry', async () => {
    const got = await http().get(`/people/${legacy}`).set(bearer(admin)).expect(200);
    expect(got.body).toMatchObject({ registers: ['dibao'], memberships: [dibao('h-legacy', '2022-01-01')] });
    const bucket = await roll().findOne({ _id: `roll#${rollBucketOf(legacy)}` as never });
    expect(bucket).toMatchObject({
      bucket: rollBucketOf(legacy),
      members: { [legacy]: { divisionCode: '330521101', memberships: [dibao('h-legacy', '2022-01-01')], v: 1 } },
    });
    const half = await http().get(`/people/${halfMoved}`).set(bearer(admin)).expect(200);
    expect(half.body).toMatchObject({ registers: [], memberships: [{ register: 'dibao', sourceId: 'h-half', to: '2024-01-01' }] });
    expect(await persons().countDocuments({ memberships: { $exists: true } })).toBe(0);
    expect(await roll().findOne({ _id: 'roll#migrated' as never })).not.toBeNull();
  });

  it('publishes an event still waiting in a person’s document from the roll’s outbox, since people are no outbox any more', async () => {
    await app.get(OutboxRelay).flush();
    const [m] = await recorder.waitForKey(topic, legacyKey, 1, ReliefStatusChangedV1.type);
    expect(m.headers.ce_id).toBe(legacyEventId);
    expect(m.json).toMatchObject({ registers: ['dibao'], divisionCode: '330521101' });
    expect(await persons().findOne({ _id: legacy as never })).toMatchObject({ outbox: [] });
  });

  it('finds people moved from their documents in a benefit round', async () => {
    const round = {
      roundId: 'roll-2025',
      kind: 'consumption-voucher',
      title: '2025年末消费券',
      amountFen: 30000,
      registers: ['dibao'],
      snapshotDate: '2025-12-31',
      divisionCode: '330521',
    };
    await http().post('/benefit-rounds').set(bearer(countyOfficer)).send(round).expect(201);
    const ran = await http().post('/benefit-rounds/roll-2025/runs?wait=true').set(bearer(countyOfficer)).expect(200);
    expect(ran.body).toMatchObject({ status: 'issued', issuedNow: 1 });
    const page = await http().get('/benefit-rounds/roll-2025/entitlements').set(bearer(countyOfficer)).expect(200);
    expect(page.body.items.map((e: { beneficiaryRef: string }) => e.beneficiaryRef)).toEqual([legacy]);
  });

  it('keeps a registered person’s memberships on the roll, not on the person', async () => {
    const res = await http()
      .post('/people')
      .set(bearer(admin))
      .send({ name: '吴新', idNumber: idNumber('1958-02-03', 71), divisionCode: '330521101' })
      .expect(201);
    const personId = res.body.person.personId as string;
    await app.get(PersonRegistry).enrol(personId, dibao('h-new', '2026-03-02'));
    expect(await persons().findOne({ _id: personId as never })).not.toHaveProperty('memberships');
    const bucket = await roll().findOne({ _id: `roll#${rollBucketOf(personId)}` as never });
    expect(bucket?.members[personId]).toEqual({ divisionCode: '330521101', memberships: [dibao('h-new', '2026-03-02')], v: 1 });
    const view = await http().get(`/people/${personId}`).set(bearer(admin)).expect(200);
    expect(view.body).toMatchObject({ registers: ['dibao'], registerLabels: ['低保'] });
  });

  it('enrols 20 people of one bucket at once: every one on the roll, each change published once from the roll’s outbox', async () => {
    const { bucket, ids } = idsInOneBucket(20);
    const people = ids.map(personFixture);
    for (const p of people) await insertPerson(p);
    const relay = app.get(OutboxRelay);
    const notified = jest.spyOn(relay, 'notifyWritten');
    try {
      const enrolled = await Promise.all(ids.map((id) => app.get(PersonRegistry).enrol(id, dibao(`h-${id}`, '2026-03-02'))));
      expect(enrolled.map((p) => p.memberships)).toEqual(ids.map((id) => [dibao(`h-${id}`, '2026-03-02')]));
      expect(notified.mock.calls.map(([store]) => store)).toEqual(ids.map(() => 'register_roll'));
      expect(new Set(notified.mock.calls.map(([, docs]) => docs[0].docId))).toEqual(new Set([`roll#${bucket}`]));
    } finally {
      notified.mockRestore();
    }

    const doc = await roll().findOne({ _id: `roll#${bucket}` as never });
    expect(Object.keys(doc!.members).sort()).toEqual([...ids].sort());
    const onRoll = (await app.get(PersonRegistry).rollBuckets([bucket])).get(bucket)!;
    expect(onRoll.map((m) => m.personId).sort()).toEqual([...ids].sort());
    expect(onRoll.every((m) => m.divisionCode === '330521101' && m.memberships.length === 1)).toBe(true);

    for (const p of people) await recorder.waitForKey(topic, p.personKey, 1, ReliefStatusChangedV1.type);
    await relay.flush();
    await recorder.caughtUp();
    for (const p of people) {
      const [m, ...more] = statusOf(p.personKey);
      expect(more).toHaveLength(0);
      expect(m.json).toEqual({
        personKey: p.personKey,
        registers: ['dibao'],
        divisionCode: '330521101',
        changedAt: '2026-03-02T02:00:00.000Z',
      });
    }
    await waitFor('the roll bucket’s outbox to be emptied by the relay', async () =>
      (await roll().findOne({ _id: `roll#${bucket}` as never }))!.outbox.length === 0 ? true : undefined,
    );
  });

  it('puts one person enrolled twice at once on the register once, and keeps two registers enrolled at once', async () => {
    const registry = app.get(PersonRegistry);
    const twice = personFixture('p-roll-twice');
    const both = personFixture('p-roll-both');
    await insertPerson(twice);
    await insertPerson(both);
    await Promise.all([0, 1, 2, 3].map(() => registry.enrol(twice.personId, dibao('h-twice', '2026-03-02'))));
    await Promise.all([
      registry.enrol(both.personId, dibao('h-both', '2026-03-02')),
      registry.enrol(both.personId, {
        register: 'dispersed-extreme-poverty',
        sourceType: 'key-person-list',
        sourceId: 'k-both',
        from: '2026-03-02',
      }),
    ]);
    expect((await registry.mustGet(twice.personId)).memberships).toEqual([dibao('h-twice', '2026-03-02')]);
    expect((await registry.mustGet(both.personId)).memberships.map((m) => m.register).sort()).toEqual([
      'dibao',
      'dispersed-extreme-poverty',
    ]);

    await recorder.waitForKey(topic, twice.personKey, 1, ReliefStatusChangedV1.type);
    await recorder.waitForKey(topic, both.personKey, 2, ReliefStatusChangedV1.type);
    await app.get(OutboxRelay).flush();
    await recorder.caughtUp();
    expect(statusOf(twice.personKey)).toHaveLength(1);
    expect(statusOf(both.personKey).map((m) => m.json.registers)).toEqual([expect.any(Array), ['dibao', 'dispersed-extreme-poverty']]);
    // ending a membership changes the registers again: published again
    await registry.endMembership(twice.personId, 'dibao', 'h-twice', '2026-03-05');
    const [, ended] = await recorder.waitForKey(topic, twice.personKey, 2, ReliefStatusChangedV1.type);
    expect(ended.json.registers).toEqual([]);
  });

  it('answers only for buckets that exist, and leaves people’s documents unread once the move is done', async () => {
    const used = new Set([legacy, halfMoved, 'p-roll-twice', 'p-roll-both', ...idsInOneBucket(20).ids].map(rollBucketOf));
    const never = [...Array(2048).keys()].find((b) => !used.has(b))!;
    const found = await app.get(PersonRegistry).rollBuckets([rollBucketOf(legacy), never]);
    expect([...found.keys()]).toEqual([rollBucketOf(legacy)]);

    // a later start finds the marker and does not look through people again
    await recorder.stop();
    await app.close();
    const late = 'p-legacy-after-marker';
    await persons().insertOne(legacyPersonDoc(late, [dibao('h-late', '2022-01-01')]) as never);
    app = await startSocialRelief(run, clock);
    recorder = await new TopicRecorder([topic]).start();
    expect(await persons().findOne({ _id: late as never })).toHaveProperty('memberships');
    expect(await roll().countDocuments({ _id: `roll#${rollBucketOf(late)}` as never, [`members.${late}`]: { $exists: true } })).toBe(0);
  });
});
