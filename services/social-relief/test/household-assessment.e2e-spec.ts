import { INestApplication } from '@nestjs/common';
import { HouseholdCategoryDeterminedV1, HouseholdTopic, ReliefStatusChangedV1, ReliefStatusTopic } from '@civil/contracts';
import { SettableClock } from '@civil/kernel';
import { OutboxRelay, TopicNames } from '@civil/messaging';
import { bearer, isolatedRun, RecordedMessage, TopicRecorder, waitFor } from '@civil/testing';
import request from 'supertest';
import { HouseholdRegisters } from '../src/households/application/household-registers';
import { countyOfficer, idNumber, otherTownshipOfficer, startSocialRelief, townshipOfficer } from './support';

const member = (name: string, birthDate: string, seq: number, extra: Record<string, unknown> = {}) => ({
  name,
  idNumber: idNumber(birthDate, seq),
  relation: 'other',
  canWork: true,
  ...extra,
});

/** Three working-age adults earning 6000 元 a month together: between 1.5× and 2× the 1050 元 standard. */
const threeAdults = (seq: number, divisionCode: string) => ({
  divisionCode,
  members: [
    member('钱一', '1980-01-01', seq, { relation: 'head' }),
    member('钱二', '1982-02-02', seq + 2, { relation: 'spouse' }),
    member('钱三', '1990-03-03', seq + 4, { relation: 'sibling' }),
  ],
  incomes: [{ memberIndex: 0, kind: 'wages', monthlyFen: 600_000, verifiable: true }],
});

describe('households: category by rule, published on the wire, and register enrolment', () => {
  const run = isolatedRun('sr-household-assess');
  const clock = new SettableClock('2026-03-02T01:00:00Z');
  const names = new TopicNames(run.topicPrefix);
  const householdTopic = names.physical(HouseholdTopic.name);
  const statusTopic = names.physical(ReliefStatusTopic.name);
  let app: INestApplication;
  let recorder: TopicRecorder;
  const http = () => request(app.getHttpServer());

  // the 低保 family: grandmother 75, father seriously ill, a child of 8
  const grandmother = member('张桂英', '1950-05-01', 12, { relation: 'parent' });
  const father = member('张建国', '1980-06-15', 31, { relation: 'head', flags: ['seriously-ill'] });
  const child = member('张小明', '2018-01-20', 51, { relation: 'child', canWork: false });
  const secrets = [grandmother, father, child].flatMap((m) => [m.name, m.idNumber]);
  let dibaoHousehold: string;

  beforeAll(async () => {
    app = await startSocialRelief(run, clock);
    recorder = await new TopicRecorder([householdTopic, statusTopic]).start();
  });

  afterAll(async () => {
    await recorder?.stop();
    await app?.close();
  });

  it('registers a household with masked members; to another township it is unknown (404) and their division refused (403)', async () => {
    const created = await http()
      .post('/households')
      .set(bearer(townshipOfficer))
      .send({
        divisionCode: '330521101',
        members: [grandmother, father, child],
        incomes: [
          { memberIndex: 1, kind: 'wages', monthlyFen: 150_000, verifiable: true },
          { memberIndex: 0, kind: 'basic-old-age-pension', monthlyFen: 20_000, verifiable: true },
          { memberIndex: 1, kind: 'disability-living-subsidy', monthlyFen: 10_000, verifiable: true },
          { kind: 'martyr-family-pension', monthlyFen: 30_000, verifiable: true },
          { kind: 'preferential-allowance', monthlyFen: 5_000, verifiable: true },
          { memberIndex: 1, kind: 'disability-care-subsidy', monthlyFen: 8_000, verifiable: true },
        ],
        expenses: [{ memberIndex: 1, kind: 'serious-illness', monthlyFen: 40_000 }],
      })
      .expect(201);
    dibaoHousehold = created.body.householdId;
    expect(created.body).toMatchObject({
      divisionCode: '330521101',
      status: 'not-enrolled',
      statusLabel: '未纳入救助',
      assessedCategory: null,
    });
    expect(created.body.members).toHaveLength(3);
    expect(created.body.members[0]).toMatchObject({ age: 75, relation: 'parent', relationLabel: '父母', divisionCode: '330521101' });
    expect(created.body.members[1]).toMatchObject({ flags: ['seriously-ill'], flagLabels: ['重病患者'] });
    expect(created.body.members[0].idNumber).toMatch(/^3305\*+\d{3}[\dX]$/);
    expect(created.body.incomes.map((i: { counted: boolean }) => i.counted)).toEqual([true, false, false, false, false, false]);
    expect(created.body.incomes[1].kindLabel).toBe('基础养老金（不计入）');
    for (const s of secrets) expect(JSON.stringify(created.body)).not.toContain(s);

    const got = await http().get(`/households/${dibaoHousehold}`).set(bearer(townshipOfficer)).expect(200);
    expect(got.body.members.map((m: { personId: string }) => m.personId)).toEqual(
      created.body.members.map((m: { personId: string }) => m.personId),
    );
    for (const s of secrets) expect(JSON.stringify(got.body)).not.toContain(s);

    await http().get(`/households/${dibaoHousehold}`).set(bearer(otherTownshipOfficer)).expect(404);
    await http().post(`/households/${dibaoHousehold}/assessments`).set(bearer(otherTownshipOfficer)).expect(404);
    await http().patch(`/households/${dibaoHousehold}`).set(bearer(otherTownshipOfficer)).send({ incomes: [] }).expect(404);
    await http().post('/households').set(bearer(otherTownshipOfficer)).send(threeAdults(600, '330521101')).expect(403);
  });

  it('assesses it as 低保 with the gap and one supplement per member, and publishes HouseholdCategoryDetermined', async () => {
    clock.set('2026-03-02T02:00:00Z');
    const res = await http().post(`/households/${dibaoHousehold}/assessments`).set(bearer(townshipOfficer)).expect(201);
    // counted: 1500 元 wages only (养老金, 两残补贴, 抚恤金, 优待金 excluded); gap (1050 × 3 − 1500) = 1650 元
    // supplements: 75-year-old 10%, seriously ill 20%, minor 10% of 1050 元
    expect(res.body.assessment).toMatchObject({
      category: 'dibao',
      categoryLabel: '最低生活保障（低保）',
      countedIncomeFen: 150_000,
      excludedIncomeFen: 73_000,
      incomePerMemberFen: 50_000,
      rigidExpensesFen: 40_000,
      gapFen: 165_000,
      monthlyBenefitFen: 165_000 + 10_500 + 21_000 + 10_500,
    });
    expect(res.body.assessment.supplements.map((s: { kind: string; fen: number }) => [s.kind, s.fen])).toEqual([
      ['age-70', 10_500],
      ['serious-illness', 21_000],
      ['minor', 10_500],
    ]);
    expect(res.body.household).toMatchObject({ assessedCategory: 'dibao', status: 'not-enrolled' });

    const [m] = await waitFor('the category of the 低保 household on the wire', () => {
      const found = recorder.of(householdTopic, HouseholdCategoryDeterminedV1.type).filter((x) => x.key === dibaoHousehold);
      return found.length ? found : undefined;
    });
    expect(m.headers).toMatchObject({
      ce_type: HouseholdCategoryDeterminedV1.type,
      ce_source: HouseholdCategoryDeterminedV1.source,
      ce_subject: dibaoHousehold,
      ce_region: '330521101',
    });
    expect(m.json).toEqual({
      householdId: dibaoHousehold,
      divisionCode: '330521101',
      category: 'dibao',
      previousCategory: null,
      members: 3,
      incomePerMemberFen: 50_000,
      incomeAfterRigidExpensesPerMemberFen: Math.floor((150_000 - 40_000) / 3),
      standardFen: 105_000,
      nearDibaoMultiplier: 1.5,
      monthlyBenefitFen: 207_000,
      determinedAt: '2026-03-02T02:00:00.000Z',
    });
  });

  it('decides the same income differently in a 1.5× and a 2× region (set by a county officer)', async () => {
    await http()
      .put('/regional-settings/near-dibao-multiplier')
      .set(bearer(countyOfficer))
      .send({ divisionCode: '330521102', value: 2, effectiveFrom: '2026-03-02' })
      .expect((r) => expect([200, 201]).toContain(r.status));
    const a = await http().post('/households').set(bearer(townshipOfficer)).send(threeAdults(100, '330521101')).expect(201);
    const b = await http().post('/households').set(bearer(otherTownshipOfficer)).send(threeAdults(200, '330521102')).expect(201);
    const inA = await http().post(`/households/${a.body.householdId}/assessments`).set(bearer(townshipOfficer)).expect(201);
    const inB = await http().post(`/households/${b.body.householdId}/assessments`).set(bearer(otherTownshipOfficer)).expect(201);
    expect(inA.body.assessment).toMatchObject({
      category: 'none',
      nearDibaoMultiplier: 1.5,
      incomePerMemberFen: 200_000,
      monthlyBenefitFen: 0,
    });
    expect(inB.body.assessment).toMatchObject({
      category: 'near-dibao',
      nearDibaoMultiplier: 2,
      incomePerMemberFen: 200_000,
      monthlyBenefitFen: 0,
    });

    const m = await waitFor('the 2× region’s decision on the wire', () =>
      recorder.of(householdTopic, HouseholdCategoryDeterminedV1.type).find((x) => x.key === b.body.householdId),
    );
    expect(m.json).toMatchObject({ category: 'near-dibao', nearDibaoMultiplier: 2, divisionCode: '330521102' });
  });

  it('takes unverifiable income at the minimum wage and rigid expenses into 支出型', async () => {
    const single = await http()
      .post('/households')
      .set(bearer(townshipOfficer))
      .send({
        divisionCode: '330521101',
        members: [member('孙五', '1985-04-04', 301)],
        incomes: [{ memberIndex: 0, kind: 'business', monthlyFen: 50_000, verifiable: false }],
      })
      .expect(201);
    const a = await http().post(`/households/${single.body.householdId}/assessments`).set(bearer(townshipOfficer)).expect(201);
    expect(a.body.assessment).toMatchObject({
      category: 'none',
      countedIncomeFen: 228_000,
      imputedEarners: [single.body.members[0].personId],
    });

    // 2280 元 − 1500 元 of medical costs = 780 元 < 1050 元 → 支出型
    await http()
      .patch(`/households/${single.body.householdId}`)
      .set(bearer(townshipOfficer))
      .send({ expenses: [{ personId: single.body.members[0].personId, kind: 'serious-illness', monthlyFen: 150_000 }] })
      .expect(200);
    const b = await http().post(`/households/${single.body.householdId}/assessments`).set(bearer(townshipOfficer)).expect(201);
    expect(b.body.assessment).toMatchObject({
      category: 'expenditure-poverty',
      previousCategory: 'none',
      incomeAfterRigidExpensesPerMemberFen: 78_000,
      monthlyBenefitFen: 0,
    });
    const history = await http().get(`/households/${single.body.householdId}/assessments`).set(bearer(townshipOfficer)).expect(200);
    expect(history.body.map((x: { category: string }) => x.category)).toEqual(['none', 'expenditure-poverty']);
  });

  it('refuses bad input with 400 naming each field', async () => {
    const base = threeAdults(400, '330521101');
    const negative = await http()
      .post('/households')
      .set(bearer(townshipOfficer))
      .send({ ...base, incomes: [{ memberIndex: 0, kind: 'wages', monthlyFen: -1, verifiable: true }] })
      .expect(400);
    expect(negative.body.fields.map((f: { field: string }) => f.field)).toEqual(['incomes.0.monthlyFen']);
    const unknownKind = await http()
      .post('/households')
      .set(bearer(townshipOfficer))
      .send({ ...base, incomes: [{ memberIndex: 0, kind: 'lottery', monthlyFen: 1, verifiable: true }] })
      .expect(400);
    expect(unknownKind.body.fields.map((f: { field: string }) => f.field)).toEqual(['incomes.0.kind']);
    const badId = idNumber('1982-02-02', 402).slice(0, 17) + (idNumber('1982-02-02', 402).endsWith('0') ? '1' : '0');
    const checksum = await http()
      .post('/households')
      .set(bearer(townshipOfficer))
      .send({ ...base, members: [base.members[0], { ...base.members[1], idNumber: badId }] })
      .expect(400);
    expect(checksum.body.fields).toEqual([{ field: 'members.1.idNumber', reasons: [expect.stringContaining('check character')] }]);
    expect(JSON.stringify(checksum.body)).not.toContain(badId);
    const expense = await http()
      .post('/households')
      .set(bearer(townshipOfficer))
      .send({ ...base, expenses: [{ kind: 'holiday', monthlyFen: -5 }] })
      .expect(400);
    expect(expense.body.fields.map((f: { field: string }) => f.field)).toEqual(['expenses.0.kind', 'expenses.0.monthlyFen']);
    const patch = await http()
      .patch(`/households/${dibaoHousehold}`)
      .set(bearer(townshipOfficer))
      .send({ incomes: [{ kind: 'wages', monthlyFen: -100, verifiable: true }] })
      .expect(400);
    expect(patch.body.fields.map((f: { field: string }) => f.field)).toEqual(['incomes.0.monthlyFen']);
    const stranger = await http()
      .patch(`/households/${dibaoHousehold}`)
      .set(bearer(townshipOfficer))
      .send({ incomes: [{ personId: 'p-nobody', kind: 'wages', monthlyFen: 100, verifiable: true }] })
      .expect(400);
    expect(stranger.body).toMatchObject({ error: 'NotAMember', details: { field: 'incomes.0.personId' } });
  });

  it('enrols every member on the approved register once, even when called twice', async () => {
    clock.set('2026-03-05T03:00:00Z');
    const registers = app.get(HouseholdRegisters);
    const before = await registers.find(dibaoHousehold);
    expect(before).toMatchObject({
      householdId: dibaoHousehold,
      divisionCode: '330521101',
      assessedCategory: 'dibao',
      enrolledCategory: null,
    });
    const at = new Date('2026-03-05T03:00:00Z');
    await registers.enrolFromApplication(dibaoHousehold, 'dibao', 'app-dibao-1', at);
    await registers.enrolFromApplication(dibaoHousehold, 'dibao', 'app-dibao-1', at);
    expect(await registers.find(dibaoHousehold)).toMatchObject({ enrolledCategory: 'dibao', memberIds: before!.memberIds });
    expect(await registers.find('hh-nope')).toBeUndefined();

    for (const personId of before!.memberIds) {
      const p = await http().get(`/people/${personId}`).set(bearer(townshipOfficer)).expect(200);
      expect(p.body.registers).toEqual(['dibao']);
      expect(p.body.memberships).toEqual([
        { register: 'dibao', sourceType: 'household', sourceId: dibaoHousehold, from: '2026-03-05', to: null },
      ]);
    }
    const h = await http().get(`/households/${dibaoHousehold}`).set(bearer(townshipOfficer)).expect(200);
    expect(h.body).toMatchObject({ status: 'enrolled', statusLabel: '在册保障', enrolledCategory: 'dibao' });
    expect(h.body.enrolments).toHaveLength(1);

    // a marker after the relay is flushed: a new member of the enrolled household is enrolled too
    await app.get(OutboxRelay).flush();
    const added = await http()
      .post(`/households/${dibaoHousehold}/members`)
      .set(bearer(townshipOfficer))
      .send(member('张小红', '2020-02-02', 62, { relation: 'child', canWork: false }))
      .expect(201);
    const newcomer = added.body.members[3];
    expect(newcomer.registers).toEqual(['dibao']);
    const statuses = await waitFor('the newcomer’s relief status (the marker)', () => {
      const all = recorder.of(statusTopic, ReliefStatusChangedV1.type);
      return all.length >= 4 ? all : undefined;
    });
    expect(statuses).toHaveLength(4); // one per member, none for the repeated call
    expect(statuses.every((s) => s.json.registers.join() === 'dibao')).toBe(true);
  });

  it('puts no ID number or name in any message', async () => {
    await app.get(OutboxRelay).flush();
    const all: RecordedMessage[] = [...recorder.of(householdTopic), ...recorder.of(statusTopic)];
    expect(all.length).toBeGreaterThanOrEqual(7);
    const everyone = [...secrets, '张小红', idNumber('2020-02-02', 62), '钱一', '孙五', idNumber('1985-04-04', 301)];
    for (const m of all) {
      const text = `${m.value} ${JSON.stringify(m.headers)} ${m.key}`;
      for (const s of everyone) expect(text).not.toContain(s);
    }
  });
});
