import { INestApplication } from '@nestjs/common';
import { HouseholdCategoryDeterminedV1, HouseholdTopic } from '@civil/contracts';
import { SettableClock } from '@civil/kernel';
import { TopicNames } from '@civil/messaging';
import { bearer, isolatedRun, TopicRecorder, waitFor } from '@civil/testing';
import request from 'supertest';
import { countyOfficer, idNumber, otherTownshipOfficer, townshipOfficer, startSocialRelief } from './support';

const member = (name: string, birthDate: string, seq: number, extra: Record<string, unknown> = {}) => ({
  name,
  idNumber: idNumber(birthDate, seq),
  relation: 'other',
  canWork: true,
  ...extra,
});

/** The seed 003 篇十四 example: two adults on a 1,050 元 standard, 4,500 元 income, 2,000 元 rigid spending. */
const seedExample = (seq: number, divisionCode: string) => ({
  divisionCode,
  members: [member('赵一', '1978-01-01', seq, { relation: 'head' }), member('赵二', '1980-02-02', seq + 2, { relation: 'spouse' })],
  incomes: [{ memberIndex: 0, kind: 'wages', monthlyFen: 450_000, verifiable: true }],
  expenses: [{ memberIndex: 1, kind: 'serious-illness', monthlyFen: 200_000 }],
});

describe('households: the income rules of seed 003 (支出型 variants, 就业成本, 扶贫项目保底收益, 补差最低标准, 单人户)', () => {
  const run = isolatedRun('sr-income-rules');
  const clock = new SettableClock('2026-03-02T01:00:00Z');
  const householdTopic = new TopicNames(run.topicPrefix).physical(HouseholdTopic.name);
  let app: INestApplication;
  let recorder: TopicRecorder;
  const http = () => request(app.getHttpServer());

  const create = async (body: object, by = townshipOfficer) =>
    (await http().post('/households').set(bearer(by)).send(body).expect(201)).body as {
      householdId: string;
      members: { personId: string }[];
      incomes: { kind: string; counted: boolean; employmentCostFen?: number }[];
    };
  const assess = async (householdId: string, by = townshipOfficer) =>
    (await http().post(`/households/${householdId}/assessments`).set(bearer(by)).expect(201)).body.assessment;
  const setting = (key: string, divisionCode: string, value: number, effectiveFrom: string) =>
    http()
      .put(`/regional-settings/${key}`)
      .set(bearer(countyOfficer))
      .send({ divisionCode, value, effectiveFrom })
      .expect((r) => expect([200, 201]).toContain(r.status));

  beforeAll(async () => {
    app = await startSocialRelief(run, clock);
    recorder = await new TopicRecorder([householdTopic]).start();
  });

  afterAll(async () => {
    await recorder?.stop();
    await app?.close();
  });

  it('seed 003 篇十四 by default: 2 people, 1050 元 standard, 4500 元 income, 2000 元 rigid → 支出型 (after expenses 2500 < 3150), on the wire', async () => {
    const h = await create(seedExample(101, '330521101'));
    const a = await assess(h.householdId);
    expect(a).toMatchObject({
      category: 'expenditure-poverty',
      expenditurePovertyRule: 'near-dibao-line',
      expenditurePovertyRuleLabel: expect.stringContaining('篇十四'),
      perCapitaDisposableIncomeFen: 3_921_800,
      incomePerMemberFen: 225_000,
      incomeAfterRigidExpensesPerMemberFen: 125_000,
      monthlyBenefitFen: 0,
    });
    const m = await waitFor('the 支出型 decision on the wire', () =>
      recorder.of(householdTopic, HouseholdCategoryDeterminedV1.type).find((x) => x.key === h.householdId),
    );
    expect(m.json).toMatchObject({ category: 'expenditure-poverty', standardFen: 105_000, incomeAfterRigidExpensesPerMemberFen: 125_000 });
  });

  it('seed 003 篇十一 where the region chose it, from its effective day: the same household is not 支出型 (2500 is not below 2100)', async () => {
    await setting('expenditure-poverty-rule', '330521102', 1, '2026-03-10');
    const h = await create(seedExample(201, '330521102'), otherTownshipOfficer);
    expect(await assess(h.householdId, otherTownshipOfficer)).toMatchObject({
      category: 'expenditure-poverty',
      expenditurePovertyRule: 'near-dibao-line',
    });
    clock.set('2026-03-10T01:00:00Z');
    expect(await assess(h.householdId, otherTownshipOfficer)).toMatchObject({
      category: 'none',
      previousCategory: 'expenditure-poverty',
      expenditurePovertyRule: 'dibao-line',
      expenditurePovertyRuleLabel: expect.stringContaining('篇十一'),
    });
    // the other township keeps 篇十四
    expect(await assess((await create(seedExample(111, '330521101'))).householdId)).toMatchObject({ category: 'expenditure-poverty' });
    // last year's disposable income is the region's too: at 2 × 2.7 万元 a year, 4500 元 a month is no longer below it
    await setting('per-capita-disposable-income-fen', '330521101', 2_700_000, '2026-03-10');
    expect(await assess((await create(seedExample(121, '330521101'))).householdId)).toMatchObject({
      category: 'none',
      perCapitaDisposableIncomeFen: 2_700_000,
    });
    const refused = await http()
      .put('/regional-settings/expenditure-poverty-rule')
      .set(bearer(countyOfficer))
      .send({ divisionCode: '330521101', value: 2 })
      .expect(400);
    expect(JSON.stringify(refused.body)).toContain('value');
  });

  it('seed 003 篇十四 就业成本: declared employment costs are deducted from the wage earner (1200 − 300 = 900 元 → 低保)', async () => {
    const h = await create({
      divisionCode: '330521101',
      members: [member('钱四', '1986-04-04', 301)],
      incomes: [{ memberIndex: 0, kind: 'wages', monthlyFen: 120_000, verifiable: true }],
    });
    expect(await assess(h.householdId)).toMatchObject({ category: 'near-dibao', countedIncomeFen: 120_000, employmentCostsFen: 0 });
    const patched = await http()
      .patch(`/households/${h.householdId}`)
      .set(bearer(townshipOfficer))
      .send({
        incomes: [{ personId: h.members[0].personId, kind: 'wages', monthlyFen: 120_000, verifiable: true, employmentCostFen: 30_000 }],
      })
      .expect(200);
    expect(patched.body.incomes[0]).toMatchObject({ kind: 'wages', employmentCostFen: 30_000 });
    // the gap 1050 − 900 = 150 元 is above the 105 元 minimum top-up
    expect(await assess(h.householdId)).toMatchObject({
      category: 'dibao',
      countedIncomeFen: 90_000,
      employmentCostsFen: 30_000,
      gapFen: 15_000,
      topUpFen: 15_000,
      monthlyBenefitFen: 15_000,
    });
  });

  it('refuses employment costs that are negative, not on wages or above the income, with 400 naming the field', async () => {
    const base = { divisionCode: '330521101', members: [member('孙六', '1987-05-05', 401)] };
    const negative = await http()
      .post('/households')
      .set(bearer(townshipOfficer))
      .send({ ...base, incomes: [{ memberIndex: 0, kind: 'wages', monthlyFen: 100, verifiable: true, employmentCostFen: -1 }] })
      .expect(400);
    expect(negative.body.fields.map((f: { field: string }) => f.field)).toEqual(['incomes.0.employmentCostFen']);
    const business = await http()
      .post('/households')
      .set(bearer(townshipOfficer))
      .send({ ...base, incomes: [{ memberIndex: 0, kind: 'business', monthlyFen: 100_000, verifiable: true, employmentCostFen: 10 }] })
      .expect(400);
    expect(business.body).toMatchObject({ error: 'EmploymentCostNotOnWages', details: { field: 'incomes.0.employmentCostFen' } });
    const above = await http()
      .post('/households')
      .set(bearer(townshipOfficer))
      .send({ ...base, incomes: [{ memberIndex: 0, kind: 'wages', monthlyFen: 100, verifiable: true, employmentCostFen: 101 }] })
      .expect(400);
    expect(above.body).toMatchObject({ error: 'EmploymentCostAboveIncome', details: { field: 'incomes.0.employmentCostFen' } });
  });

  it('seed 003 篇十一 收入豁免: 扶贫项目保底收益 is not counted (3000 元 wages + 2000 元 of it is 低保 for three)', async () => {
    const h = await create({
      divisionCode: '330521101',
      members: [member('李一', '1970-01-01', 501), member('李二', '1972-02-02', 503), member('李三', '1995-03-03', 505)],
      incomes: [
        { memberIndex: 0, kind: 'wages', monthlyFen: 300_000, verifiable: true },
        { kind: 'poverty-project-guaranteed-income', monthlyFen: 200_000, verifiable: false },
      ],
    });
    expect(h.incomes.map((i) => [i.kind, i.counted])).toEqual([
      ['wages', true],
      ['poverty-project-guaranteed-income', false],
    ]);
    expect(await assess(h.householdId)).toMatchObject({
      category: 'dibao',
      countedIncomeFen: 300_000,
      excludedIncomeFen: 200_000,
      imputedEarners: [],
      gapFen: 15_000,
    });
  });

  it('seed 003 篇十一 补差额度最低标准: three with 3100 元 get the 315 元 minimum top-up, not the 50 元 gap', async () => {
    const h = await create({
      divisionCode: '330521101',
      members: [member('周一', '1971-01-01', 601), member('周二', '1973-02-02', 603), member('周三', '1996-03-03', 605)],
      incomes: [{ memberIndex: 0, kind: 'wages', monthlyFen: 310_000, verifiable: true }],
    });
    expect(await assess(h.householdId)).toMatchObject({
      category: 'dibao',
      gapFen: 5_000,
      minimumTopUpFen: 31_500,
      topUpFen: 31_500,
      monthlyBenefitFen: 31_500,
    });
    const m = await waitFor('the raised benefit on the wire', () =>
      recorder.of(householdTopic, HouseholdCategoryDeterminedV1.type).find((x) => x.key === h.householdId),
    );
    expect(m.json).toMatchObject({ category: 'dibao', monthlyBenefitFen: 31_500 });
  });

  it('seed 003 篇八 单人户: the severely disabled member of a 低保边缘 household may enter 低保 alone (1050 + 210 元)', async () => {
    const h = await create({
      divisionCode: '330521101',
      members: [
        member('吴一', '1979-01-01', 701, { relation: 'head' }),
        member('吴二', '1981-02-02', 703, { flags: ['severely-disabled'] }),
      ],
      incomes: [{ memberIndex: 0, kind: 'wages', monthlyFen: 250_000, verifiable: true }],
    });
    const a = await assess(h.householdId);
    expect(a).toMatchObject({ category: 'near-dibao', monthlyBenefitFen: 0, singlePersonDibaoMultiplier: 1.5 });
    expect(a.singlePersonDibao).toEqual([
      {
        personId: h.members[1].personId,
        reason: 'severely-disabled',
        label: '重度残疾人参照“单人户”纳入低保',
        countedIncomeFen: 0,
        gapFen: 105_000,
        topUpFen: 105_000,
        supplement: { personId: h.members[1].personId, kind: 'severe-disability', fen: 21_000 },
        monthlyBenefitFen: 126_000,
      },
    ]);
  });

  it('seed 003 篇十一 单人户 where the region sets 2×: a household at 1.8× qualifies its seriously ill member, at 1.5× it does not', async () => {
    const body = (seq: number, divisionCode: string) => ({
      divisionCode,
      members: [
        member('郑一', '1977-01-01', seq, { relation: 'head' }),
        member('郑二', '1979-02-02', seq + 2, { flags: ['seriously-ill'] }),
      ],
      incomes: [{ memberIndex: 0, kind: 'wages', monthlyFen: 378_000, verifiable: true }],
    });
    await setting('single-person-dibao-multiplier', '330521102', 2, '2026-03-10');
    const here = await create(body(801, '330521101'));
    expect(await assess(here.householdId)).toMatchObject({ category: 'none', singlePersonDibao: [] });
    const there = await create(body(811, '330521102'), otherTownshipOfficer);
    const a = await assess(there.householdId, otherTownshipOfficer);
    expect(a).toMatchObject({ category: 'none', singlePersonDibaoMultiplier: 2 });
    expect(a.singlePersonDibao).toEqual([
      expect.objectContaining({ personId: there.members[1].personId, reason: 'seriously-ill', monthlyBenefitFen: 105_000 + 21_000 }),
    ]);
  });

  it('lists the new labels', async () => {
    const labels = (await http().get('/labels').set(bearer(townshipOfficer)).expect(200)).body;
    expect(labels.incomeKind['poverty-project-guaranteed-income']).toBe('扶贫项目保底收益（不计入）');
    expect(Object.keys(labels.expenditurePovertyRule)).toEqual(['near-dibao-line', 'dibao-line']);
    expect(labels.regionalSetting['single-person-dibao-multiplier']).toContain('篇八');
  });
});
