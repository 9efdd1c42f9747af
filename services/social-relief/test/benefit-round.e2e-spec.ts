import { INestApplication } from '@nestjs/common';
import { BenefitTopic, EntitlementIssuedV1, EntitlementRedeemedV1, ReliefRegister } from '@civil/contracts';
import { SettableClock } from '@civil/kernel';
import { OutboxRelay, TopicNames } from '@civil/messaging';
import { bearer, isolatedRun, RecordedMessage, TopicRecorder, waitFor } from '@civil/testing';
import request from 'supertest';
import { PersonRegistry } from '../src/people/application/person-registry';
import { admin, countyOfficer, idNumber, otherTownshipOfficer, startSocialRelief, townshipOfficer } from './support';

type Fixture = {
  key: string;
  name: string;
  idNumber: string;
  divisionCode: string;
  memberships: { register: ReliefRegister; from: string; to?: string }[];
};

const people: Fixture[] = [
  {
    key: 'dibao',
    name: '张低保',
    idNumber: idNumber('1950-03-01', 11),
    divisionCode: '330521101',
    memberships: [{ register: 'dibao', from: '2022-06-01' }],
  },
  {
    key: 'two',
    name: '李两册',
    idNumber: idNumber('1948-07-15', 21),
    divisionCode: '330521101',
    memberships: [
      { register: 'near-dibao', from: '2022-01-01' },
      { register: 'dibao', from: '2022-09-01' },
    ],
  },
  {
    key: 'tekun',
    name: '王特困',
    idNumber: idNumber('1940-11-20', 31),
    divisionCode: '330521102',
    memberships: [{ register: 'dispersed-extreme-poverty', from: '2021-01-01' }],
  },
  {
    key: 'late',
    name: '赵新入',
    idNumber: idNumber('1960-01-02', 41),
    divisionCode: '330521101',
    memberships: [{ register: 'dibao', from: '2023-01-05' }],
  },
  {
    key: 'ended',
    name: '钱已退',
    idNumber: idNumber('1962-05-05', 51),
    divisionCode: '330521101',
    memberships: [{ register: 'expenditure-poverty', from: '2021-01-01', to: '2022-12-01' }],
  },
  {
    key: 'elsewhere',
    name: '孙外县',
    idNumber: idNumber('1955-08-08', 61),
    divisionCode: '330522101',
    memberships: [{ register: 'dibao', from: '2022-01-01' }],
  },
];
const ELIGIBLE = ['dibao', 'two', 'tekun'];
const round = (roundId: string) => ({
  roundId,
  kind: 'consumption-voucher',
  title: '2022年末困难群众消费券',
  amountFen: 30000,
  registers: ['dibao', 'near-dibao', 'expenditure-poverty', 'dispersed-extreme-poverty'],
  snapshotDate: '2022-12-31',
  divisionCode: '330521',
});

describe('benefit rounds: one entitlement per person per round, published and redeemed once', () => {
  const run = isolatedRun('sr-benefit');
  const clock = new SettableClock(new Date().toISOString());
  const topic = new TopicNames(run.topicPrefix).physical(BenefitTopic.name);
  const personIds = new Map<string, string>();
  let app: INestApplication;
  let recorder: TopicRecorder;
  const http = () => request(app.getHttpServer());
  const issuedFor = (roundId: string) => recorder.of(topic, EntitlementIssuedV1.type).filter((m) => m.json.roundId === roundId);

  beforeAll(async () => {
    app = await startSocialRelief(run, clock);
    recorder = await new TopicRecorder([topic]).start();
    const registry = app.get(PersonRegistry);
    for (const p of people) {
      const res = await http()
        .post('/people')
        .set(bearer(admin))
        .send({ name: p.name, idNumber: p.idNumber, divisionCode: p.divisionCode })
        .expect(201);
      const personId = res.body.person.personId as string;
      personIds.set(p.key, personId);
      for (const m of p.memberships) {
        await registry.enrol(personId, { register: m.register, sourceType: 'household', sourceId: `h-${p.key}`, from: m.from });
        if (m.to) await registry.endMembership(personId, m.register, `h-${p.key}`, m.to);
      }
    }
  });

  afterAll(async () => {
    await recorder?.stop();
    await app?.close();
  });

  const noPersonalData = (messages: RecordedMessage[]) => {
    for (const m of messages) {
      const text = `${m.key} ${m.value} ${JSON.stringify(m.headers)}`;
      for (const p of people) {
        expect(text).not.toContain(p.idNumber);
        expect(text).not.toContain(p.idNumber.slice(0, 17));
        expect(text).not.toContain(p.name);
      }
    }
  };

  it('refuses a bad round naming each field, a township officer, and a round outside the jurisdiction', async () => {
    const bad = await http()
      .post('/benefit-rounds')
      .set(bearer(countyOfficer))
      .send({ ...round('bad'), kind: 'gold', amountFen: -1, registers: ['vip'], snapshotDate: '2022-13-01' })
      .expect(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['amountFen', 'kind', 'registers', 'snapshotDate']);
    await http().post('/benefit-rounds').set(bearer(townshipOfficer)).send(round('r-township')).expect(403);
    await http()
      .post('/benefit-rounds')
      .set(bearer(countyOfficer))
      .send({ ...round('r-other'), divisionCode: '330522' })
      .expect(403);
    await http()
      .post('/benefit-rounds')
      .set(bearer(countyOfficer))
      .send({ ...round('r-empty'), registers: [] })
      .expect(400);
  });

  it('issues one entitlement to each person on a named register at the end of the snapshot day, inside the division', async () => {
    const created = await http().post('/benefit-rounds').set(bearer(countyOfficer)).send(round('voucher-2022')).expect(201);
    expect(created.body).toMatchObject({ status: 'draft', statusLabel: '草稿', kindLabel: '消费券' });
    await http().post('/benefit-rounds').set(bearer(countyOfficer)).send(round('voucher-2022')).expect(409);

    const ran = await http().post('/benefit-rounds/voucher-2022/runs?wait=true').set(bearer(countyOfficer)).expect(200);
    expect(ran.body).toMatchObject({ status: 'issued', issuedNow: 3, eligible: 3 });

    const got = await http().get('/benefit-rounds/voucher-2022').set(bearer(countyOfficer)).expect(200);
    expect(got.body).toMatchObject({
      status: 'issued',
      statusLabel: '已发放',
      runs: 1,
      totals: { entitlements: 3, amountFen: 90000, quantity: 3 },
    });
    expect(got.body.totals.byRegister).toEqual(
      expect.arrayContaining([
        { register: 'dibao', label: '低保', count: 2 },
        { register: 'dispersed-extreme-poverty', label: '散居特困', count: 1 },
      ]),
    );

    const issued = await recorder.waitForCount(topic, 3, EntitlementIssuedV1.type);
    expect(issued.map((m) => m.key).sort()).toEqual(ELIGIBLE.map((k) => personIds.get(k)).sort());
    const two = issued.find((m) => m.key === personIds.get('two'))!;
    expect(two.headers).toMatchObject({
      ce_type: EntitlementIssuedV1.type,
      ce_source: EntitlementIssuedV1.source,
      ce_subject: two.json.entitlementId,
      ce_region: '330521101',
    });
    expect(two.json).toMatchObject({
      roundId: 'voucher-2022',
      roundKind: 'consumption-voucher',
      beneficiaryType: 'person',
      beneficiaryRef: personIds.get('two'),
      register: 'dibao',
      quantity: 1,
      amountFen: 30000,
      divisionCode: '330521101',
    });
    noPersonalData(issued);

    const page = await http().get('/benefit-rounds/voucher-2022/entitlements').set(bearer(countyOfficer)).expect(200);
    expect(page.body.items.map((e: { beneficiaryRef: string }) => e.beneficiaryRef).sort()).toEqual(
      ELIGIBLE.map((k) => personIds.get(k)).sort(),
    );
    const township = await http()
      .get('/benefit-rounds/voucher-2022/entitlements?divisionCode=330521102')
      .set(bearer(countyOfficer))
      .expect(200);
    expect(township.body.items).toEqual([
      expect.objectContaining({ beneficiaryRef: personIds.get('tekun'), register: 'dispersed-extreme-poverty', registerLabel: '散居特困' }),
    ]);
    const mine = await http().get('/benefit-rounds/voucher-2022/entitlements').set(bearer(townshipOfficer)).expect(200);
    expect(mine.body.items.map((e: { divisionCode: string }) => e.divisionCode)).toEqual(['330521101', '330521101']);
  });

  it('never pays twice: a rerun and two runs side by side add nothing, on the wire or in the database', async () => {
    const again = await http().post('/benefit-rounds/voucher-2022/runs?wait=true').set(bearer(countyOfficer)).expect(200);
    expect(again.body).toMatchObject({ status: 'issued', issuedNow: 0, totals: { entitlements: 3 } });

    await http().post('/benefit-rounds').set(bearer(countyOfficer)).send(round('voucher-2022-b')).expect(201);
    const [a, b] = await Promise.all([
      http().post('/benefit-rounds/voucher-2022-b/runs?wait=true').set(bearer(countyOfficer)),
      http().post('/benefit-rounds/voucher-2022-b/runs?wait=true').set(bearer(admin)),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.body.issuedNow + b.body.issuedNow).toBe(3);
    const twice = await http().post('/benefit-rounds/voucher-2022-b/runs?wait=true').set(bearer(countyOfficer)).expect(200);
    expect(twice.body.issuedNow).toBe(0);
    const page = await http().get('/benefit-rounds/voucher-2022-b/entitlements').set(bearer(countyOfficer)).expect(200);
    expect(page.body.items).toHaveLength(3);
    expect(new Set(page.body.items.map((e: { beneficiaryRef: string }) => e.beneficiaryRef)).size).toBe(3);
    expect((await http().get('/benefit-rounds/voucher-2022-b').set(bearer(countyOfficer))).body).toMatchObject({
      status: 'issued',
      runs: 3,
      totals: { entitlements: 3, amountFen: 90000 },
    });

    // everything queued is published; a later event on the same topic marks the end of what could follow
    await app.get(OutboxRelay).flush();
    const marker = page.body.items[0].entitlementId as string;
    await http().post(`/entitlements/${marker}/redemption`).set(bearer(countyOfficer)).expect(200);
    await waitFor('the marker redemption', () =>
      recorder.of(topic, EntitlementRedeemedV1.type).some((m) => m.json.entitlementId === marker),
    );
    expect(issuedFor('voucher-2022')).toHaveLength(3);
    expect(issuedFor('voucher-2022-b')).toHaveLength(3);
    expect(new Set(issuedFor('voucher-2022-b').map((m) => m.json.entitlementId)).size).toBe(3);
  });

  it('records a redemption once: EntitlementRedeemed, then 409; outside the jurisdiction as an unknown entitlement (404)', async () => {
    const page = await http()
      .get('/benefit-rounds/voucher-2022/entitlements?divisionCode=330521101')
      .set(bearer(countyOfficer))
      .expect(200);
    const ent = page.body.items[0];
    await http().post(`/entitlements/${ent.entitlementId}/redemption`).set(bearer(otherTownshipOfficer)).expect(404);
    clock.set(new Date(Date.now()).toISOString());
    const done = await http().post(`/entitlements/${ent.entitlementId}/redemption`).set(bearer(townshipOfficer)).expect(200);
    expect(done.body).toMatchObject({ entitlementId: ent.entitlementId, redeemedAt: expect.any(String) });
    const second = await http().post(`/entitlements/${ent.entitlementId}/redemption`).set(bearer(townshipOfficer)).expect(409);
    expect(second.body.error).toBe('EntitlementAlreadyRedeemed');
    await http().post('/entitlements/ent-nope-b1-0123456789abcdef/redemption').set(bearer(countyOfficer)).expect(404);

    await waitFor('the redemption on the wire', () =>
      recorder.of(topic, EntitlementRedeemedV1.type).some((m) => m.json.entitlementId === ent.entitlementId),
    );
    await app.get(OutboxRelay).flush();
    const redeemed = recorder.of(topic, EntitlementRedeemedV1.type).filter((m) => m.json.entitlementId === ent.entitlementId);
    expect(redeemed).toHaveLength(1);
    expect(redeemed[0].key).toBe(ent.beneficiaryRef);
    expect(redeemed[0].json).toMatchObject({
      roundId: 'voucher-2022',
      beneficiaryRef: ent.beneficiaryRef,
      amountFen: 30000,
      divisionCode: '330521101',
    });
    const after = await http()
      .get('/benefit-rounds/voucher-2022/entitlements?divisionCode=330521101')
      .set(bearer(countyOfficer))
      .expect(200);
    expect(after.body.items.find((e: { entitlementId: string }) => e.entitlementId === ent.entitlementId).redeemedAt).toBe(
      done.body.redeemedAt,
    );
    noPersonalData(recorder.of(topic));
  });
});
