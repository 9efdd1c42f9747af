import { INestApplication } from '@nestjs/common';
import { BenefitTopic, EntitlementIssuedV1, ReliefRegister } from '@civil/contracts';
import { SettableClock } from '@civil/kernel';
import { OutboxRelay, TopicNames } from '@civil/messaging';
import { bearer, isolatedRun, TopicRecorder } from '@civil/testing';
import request from 'supertest';
import { PersonRegistry } from '../src/people/application/person-registry';
import { countyOfficer, idNumber, startSocialRelief, townshipOfficer } from './support';

type Member = {
  name: string;
  idNumber: string;
  register: ReliefRegister;
  sourceType: 'household' | 'application';
  sourceId: string;
};

/** Household A: three members on 低保; household B: one on 低保边缘; a 特困 person on the register by the county's decision. */
const members: Member[] = [
  { name: '冯大', idNumber: idNumber('1950-01-11', 101), register: 'dibao', sourceType: 'household', sourceId: 'hh-330521101-a' },
  { name: '冯二', idNumber: idNumber('1952-02-12', 102), register: 'dibao', sourceType: 'household', sourceId: 'hh-330521101-a' },
  { name: '冯三', idNumber: idNumber('2012-03-13', 103), register: 'dibao', sourceType: 'household', sourceId: 'hh-330521101-a' },
  { name: '褚一', idNumber: idNumber('1958-04-14', 104), register: 'near-dibao', sourceType: 'household', sourceId: 'hh-330521101-b' },
  {
    name: '卫特',
    idNumber: idNumber('1939-05-15', 105),
    register: 'dispersed-extreme-poverty',
    sourceType: 'application',
    sourceId: 'app-330521-tekun',
  },
];
const REGISTERS = ['dibao', 'near-dibao', 'dispersed-extreme-poverty'];

describe('protection kits: one per household (seed 000 为全县低收入家庭发放爱心防护包)', () => {
  const run = isolatedRun('sr-kits-household');
  const clock = new SettableClock('2026-03-02T02:00:00Z');
  const topic = new TopicNames(run.topicPrefix).physical(BenefitTopic.name);
  let app: INestApplication;
  let recorder: TopicRecorder;
  const http = () => request(app.getHttpServer());
  const create = (body: Record<string, unknown>) =>
    http()
      .post('/benefit-rounds')
      .set(bearer(countyOfficer))
      .send({ amountFen: 5000, registers: REGISTERS, snapshotDate: '2026-03-01', divisionCode: '330521', title: '爱心防护包', ...body });
  const runRound = async (roundId: string) =>
    (await http().post(`/benefit-rounds/${roundId}/runs?wait=true`).set(bearer(countyOfficer)).expect(200)).body;
  const entitlements = async (roundId: string) =>
    (await http().get(`/benefit-rounds/${roundId}/entitlements`).set(bearer(countyOfficer)).expect(200)).body.items as {
      beneficiaryType: string;
      beneficiaryRef: string;
      register: string;
    }[];
  const personIds: string[] = [];

  beforeAll(async () => {
    app = await startSocialRelief(run, clock);
    recorder = await new TopicRecorder([topic]).start();
    for (const m of members) {
      const res = await http()
        .post('/people')
        .set(bearer(townshipOfficer))
        .send({ name: m.name, idNumber: m.idNumber, divisionCode: '330521101' })
        .expect(201);
      personIds.push(res.body.person.personId);
      await app.get(PersonRegistry).enrol(res.body.person.personId, {
        register: m.register,
        sourceType: m.sourceType,
        sourceId: m.sourceId,
        from: '2026-01-01',
      });
    }
  });

  afterAll(async () => {
    await recorder?.stop();
    await app?.close();
  });

  it('a kit round issues once per household however many members are on registers; a person by no household counts alone', async () => {
    const created = await create({ roundId: 'kits-2026', kind: 'protection-kit' }).expect(201);
    expect(created.body).toMatchObject({ unitOfIssue: 'household', unitOfIssueLabel: '按户发放' });
    const ran = await runRound('kits-2026');
    expect(ran).toMatchObject({ status: 'issued', issuedNow: 3, eligible: 3, totals: { entitlements: 3, amountFen: 15_000 } });
    const items = await entitlements('kits-2026');
    expect(items.map((e) => [e.beneficiaryType, e.beneficiaryRef, e.register]).sort()).toEqual(
      [
        ['household', 'hh-330521101-a', 'dibao'],
        ['household', 'hh-330521101-b', 'near-dibao'],
        ['person', personIds[4], 'dispersed-extreme-poverty'],
      ].sort(),
    );
    await app.get(OutboxRelay).flush();
    const issued = await recorder.waitForCount(topic, 3, EntitlementIssuedV1.type);
    const a = issued.find((m) => m.json.beneficiaryRef === 'hh-330521101-a')!;
    expect(a.json).toMatchObject({ roundKind: 'protection-kit', beneficiaryType: 'household', quantity: 1, amountFen: 5000 });
    for (const m of issued) for (const p of members) expect(m.value).not.toContain(p.idNumber);

    // run again: the same entitlement ids, nothing issued twice
    const again = await runRound('kits-2026');
    expect(again).toMatchObject({ issuedNow: 0, totals: { entitlements: 3 } });
    expect((await entitlements('kits-2026')).map((e) => e.beneficiaryRef).sort()).toEqual(items.map((e) => e.beneficiaryRef).sort());
  });

  it('a round per person keeps issuing to every person; the unit of issue is checked (400 naming the field)', async () => {
    await create({ roundId: 'kits-per-person', kind: 'protection-kit', unitOfIssue: 'person' }).expect(201);
    expect(await runRound('kits-per-person')).toMatchObject({ issuedNow: 5 });
    await create({ roundId: 'vouchers-2026', kind: 'consumption-voucher', amountFen: 30000 }).expect(201);
    const vouchers = await runRound('vouchers-2026');
    expect(vouchers).toMatchObject({ issuedNow: 5 });
    expect((await http().get('/benefit-rounds/vouchers-2026').set(bearer(countyOfficer)).expect(200)).body).toMatchObject({
      unitOfIssue: 'person',
    });

    const bad = await create({ roundId: 'kits-bad', kind: 'protection-kit', unitOfIssue: 'village' }).expect(400);
    expect(bad.body.fields).toEqual([{ field: 'unitOfIssue', reasons: ['must be one of: person, household'] }]);
    const beds = await create({ roundId: 'beds-by-household', kind: 'bed-subsidy', registers: [], unitOfIssue: 'household' }).expect(400);
    expect(JSON.stringify(beds.body)).toContain('unitOfIssue');
  });
});
