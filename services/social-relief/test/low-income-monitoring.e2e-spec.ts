import { INestApplication } from '@nestjs/common';
import { LowIncomeMonitoringTopic, LowIncomeWarningCheckedV1, LowIncomeWarningOverdueV1 } from '@civil/contracts';
import { SettableClock } from '@civil/kernel';
import { TopicNames } from '@civil/messaging';
import { bearer, isolatedRun, RecordedMessage, TopicRecorder, waitFor } from '@civil/testing';
import request from 'supertest';
import { HouseholdRegisters } from '../src/households/application/household-registers';
import { Campaigns } from '../src/low-income-monitoring/application/campaigns';
import { WarningOverdueSweep } from '../src/low-income-monitoring/application/warning-overdue-sweep.service';
import { PersonRegistry } from '../src/people/application/person-registry';
import { admin, countyOfficer, idNumber, otherTownshipOfficer, startSocialRelief, townshipOfficer } from './support';

const neighbourCounty = { sub: 'officer-330522', roles: ['county-officer' as const], jurisdiction: '330522' };
const members = {
  enrolledHead: { name: '沈长根', idNumber: idNumber('1960-02-03', 41) },
  enrolledSpouse: { name: '沈阿娣', idNumber: idNumber('1962-04-05', 42) },
  poorHead: { name: '钱志强', idNumber: idNumber('1975-06-07', 51) },
  poorChild: { name: '钱小雨', idNumber: idNumber('2012-08-09', 52) },
  extremePoverty: { name: '孙老伯', idNumber: idNumber('1945-10-11', 61) },
};

describe('low-income dynamic monitoring: import → grading → home check → application; overdue once; the yearly campaign', () => {
  const run = isolatedRun('sr-low-income');
  const clock = new SettableClock('2026-03-02T02:00:00Z'); // 10:00 Beijing
  const topic = new TopicNames(run.topicPrefix).physical(LowIncomeMonitoringTopic.name);
  let app: INestApplication;
  let recorder: TopicRecorder;
  const http = () => request(app.getHttpServer());
  const ids: Record<string, string> = {};
  const personal = Object.values(members).flatMap((m) => [m.name, m.idNumber]);
  const leaks = (m: RecordedMessage) => personal.filter((v) => (m.value ?? '').includes(v) || JSON.stringify(m.headers).includes(v));
  const onWire = (type: string, warningId: string) => recorder.of(topic, type).filter((m) => m.key === warningId);

  async function household(
    label: string,
    head: { name: string; idNumber: string },
    other: { name: string; idNumber: string },
    fen: number,
  ) {
    const created = await http()
      .post('/households')
      .set(bearer(townshipOfficer))
      .send({
        divisionCode: '330521101',
        members: [
          { ...head, relation: 'head', canWork: true },
          { ...other, relation: 'spouse', canWork: false },
        ],
        incomes: [{ memberIndex: 0, kind: 'wages', monthlyFen: fen, verifiable: true }],
      })
      .expect(201);
    ids[label] = created.body.householdId;
    ids[`${label}Head`] = created.body.members[0].personId;
    return created.body.householdId as string;
  }

  const records = () => [
    {
      source: 'medical-insurance',
      sourceRecordId: 'mi-2026-02-0001',
      kind: 'medical-expense',
      divisionCode: '330521101',
      householdId: ids.poor,
      comparedOn: '2026-02',
    },
    {
      source: 'public-security',
      sourceRecordId: 'ps-2026-02-0007',
      kind: 'death-in-household',
      divisionCode: '330521101',
      idNumber: members.enrolledSpouse.idNumber,
      comparedOn: '2026-02',
    },
    {
      source: 'human-resources',
      sourceRecordId: 'hr-2026-02-0003',
      kind: 'unemployment',
      divisionCode: '330521102',
      personId: ids.extreme,
      comparedOn: '2026-02',
    },
  ];

  beforeAll(async () => {
    app = await startSocialRelief(run, clock);
    recorder = await new TopicRecorder([topic]).start();
    const enrolled = await household('enrolled', members.enrolledHead, members.enrolledSpouse, 100_000);
    await app.get(HouseholdRegisters).enrolFromApplication(enrolled, 'dibao', 'app-enrolled', clock.now());
    await household('poor', members.poorHead, members.poorChild, 150_000);
    const person = await http()
      .post('/people')
      .set(bearer(otherTownshipOfficer))
      .send({ ...members.extremePoverty, divisionCode: '330521102' })
      .expect(201);
    ids.extreme = person.body.person.personId;
    await app
      .get(PersonRegistry)
      .enrol(ids.extreme, { register: 'dispersed-extreme-poverty', sourceType: 'application', sourceId: 'app-tk', from: '2025-06-01' });
  });

  afterAll(async () => {
    await recorder?.stop();
    await app?.close();
  });

  it('imports a batch graded by the region’s table, each record once however often the batch comes', async () => {
    const first = await http().post('/low-income-warnings/imports').set(bearer(countyOfficer)).send({ records: records() }).expect(200);
    expect(first.body).toMatchObject({ imported: 3, alreadyImported: 0 });
    const [medical, death, unemployment] = first.body.results;
    expect(medical).toMatchObject({ sourceRecordId: 'mi-2026-02-0001', outcome: 'created', level: 2, dueAt: '2026-03-09T02:00:00.000Z' });
    expect(death).toMatchObject({ outcome: 'created', level: 1, dueAt: '2026-03-05T02:00:00.000Z' });
    expect(unemployment).toMatchObject({ outcome: 'created', level: 3, dueAt: '2026-03-17T02:00:00.000Z' });
    Object.assign(ids, { medical: medical.warningId, death: death.warningId, unemployment: unemployment.warningId });

    const again = await http().post('/low-income-warnings/imports').set(bearer(countyOfficer)).send({ records: records() }).expect(200);
    expect(again.body).toMatchObject({ imported: 0, alreadyImported: 3 });
    expect(again.body.results.map((r: { warningId: string }) => r.warningId)).toEqual([ids.medical, ids.death, ids.unemployment]);
    const listed = await http().get('/low-income-warnings?divisionCode=330521').set(bearer(countyOfficer)).expect(200);
    expect(listed.body.items).toHaveLength(3);

    // a death found by ID number is the household's: the enrolled couple is checked as one household
    const got = await http().get(`/low-income-warnings/${ids.death}`).set(bearer(townshipOfficer)).expect(200);
    expect(got.body).toMatchObject({
      subjectType: 'household',
      subjectId: ids.enrolled,
      kindLabel: '家庭成员死亡',
      level: 1,
      levelLabel: '一级预警',
      status: 'pending',
      statusLabel: '待入户核查',
      townshipCode: '330521101',
      overdue: false,
    });
    expect(JSON.stringify(got.body)).not.toContain(members.enrolledSpouse.idNumber);
    // the 特困 person on no household's register is a household of one
    const tk = await http().get(`/low-income-warnings/${ids.unemployment}`).set(bearer(otherTownshipOfficer)).expect(200);
    expect(tk.body).toMatchObject({ subjectType: 'person', subjectId: ids.extreme, townshipCode: '330521102' });
  });

  it('refuses bad records with the field, imports outside the jurisdiction, and hides another township’s warning', async () => {
    const bad = await http()
      .post('/low-income-warnings/imports')
      .set(bearer(countyOfficer))
      .send({ records: [{ ...records()[0], sourceRecordId: 'mi-x', kind: 'lottery-win' }] })
      .expect(400);
    expect(JSON.stringify(bad.body)).toContain('records.0.kind');
    const two = await http()
      .post('/low-income-warnings/imports')
      .set(bearer(countyOfficer))
      .send({ records: [records()[0], { ...records()[0], sourceRecordId: 'mi-y', personId: ids.poorHead }] })
      .expect(400);
    expect(two.body).toMatchObject({ error: 'SubjectRequired', details: { field: 'records.1.householdId' } });
    const unknown = await http()
      .post('/low-income-warnings/imports')
      .set(bearer(countyOfficer))
      .send({ records: [{ ...records()[0], sourceRecordId: 'mi-z', householdId: 'h-nobody' }] })
      .expect(400);
    expect(unknown.body).toMatchObject({ error: 'UnknownHousehold', details: { field: 'records.0.householdId' } });
    await http().post('/low-income-warnings/imports').set(bearer(neighbourCounty)).send({ records: records() }).expect(403);
    await http().post('/low-income-warnings/imports').set(bearer(townshipOfficer)).send({ records: records() }).expect(403);
    await http().get(`/low-income-warnings/${ids.medical}`).set(bearer(otherTownshipOfficer)).expect(404);
    await http().get(`/low-income-warnings/${ids.medical}`).set(bearer(neighbourCounty)).expect(404);
    await http()
      .post(`/low-income-warnings/${ids.medical}/check`)
      .set(bearer(otherTownshipOfficer))
      .send({ finding: 'no-change' })
      .expect(404);
  });

  it('grades by the setting in force on the day: a region’s change applies to later warnings only', async () => {
    await http()
      .put('/regional-settings/low-income-warning-level-unemployment')
      .set(bearer(countyOfficer))
      .send({ divisionCode: '330521102', value: 1 })
      .expect(200);
    const later = await http()
      .post('/low-income-warnings/imports')
      .set(bearer(countyOfficer))
      .send({ records: [{ ...records()[2], sourceRecordId: 'hr-2026-02-0099' }] })
      .expect(200);
    expect(later.body.results[0]).toMatchObject({ level: 1, dueAt: '2026-03-05T02:00:00.000Z' });
    ids.unemploymentLater = later.body.results[0].warningId;
    const earlier = await http().get(`/low-income-warnings/${ids.unemployment}`).set(bearer(countyOfficer)).expect(200);
    expect(earlier.body).toMatchObject({ level: 3, limitDays: 15 });
  });

  it('files a needs-assistance check that starts an application in the applications module', async () => {
    clock.set('2026-03-04T03:00:00Z');
    const noReason = await http()
      .post(`/low-income-warnings/${ids.medical}/check`)
      .set(bearer(townshipOfficer))
      .send({ finding: 'not-eligible' })
      .expect(400);
    expect(noReason.body).toMatchObject({ error: 'ReasonRequired', details: { field: 'reason' } });
    const noApp = await http()
      .post(`/low-income-warnings/${ids.medical}/check`)
      .set(bearer(townshipOfficer))
      .send({ finding: 'needs-assistance' })
      .expect(400);
    expect(noApp.body).toMatchObject({ error: 'ApplicationRequired', details: { field: 'application' } });
    const badKind = await http()
      .post(`/low-income-warnings/${ids.medical}/check`)
      .set(bearer(townshipOfficer))
      .send({ finding: 'needs-assistance', application: { kind: 'lottery' } })
      .expect(400);
    expect(JSON.stringify(badKind.body)).toContain('application.kind');

    const checked = await http()
      .post(`/low-income-warnings/${ids.medical}/check`)
      .set(bearer(townshipOfficer))
      .send({
        finding: 'needs-assistance',
        checkedAt: '2026-03-04T01:30:00Z',
        note: '大病住院，支出大',
        application: { kind: 'dibao', applicantId: ids.poorHead },
      })
      .expect(200);
    expect(checked.body).toMatchObject({
      status: 'checked',
      statusLabel: '已核查',
      check: { finding: 'needs-assistance', findingLabel: '需要救助（已发起申请）', late: false, checkedAt: '2026-03-04T01:30:00.000Z' },
    });
    const applicationId = checked.body.check.applicationId;
    const application = await http().get(`/applications/${applicationId}`).set(bearer(townshipOfficer)).expect(200);
    expect(application.body).toMatchObject({ kind: 'dibao', status: 'submitted', householdId: ids.poor, divisionCode: '330521101' });

    const [m] = await waitFor('LowIncomeWarningChecked on the wire', () => {
      const found = onWire(LowIncomeWarningCheckedV1.type, ids.medical);
      return found.length ? found : undefined;
    });
    expect(m.json).toEqual({
      warningId: ids.medical,
      subjectType: 'household',
      subjectRef: ids.poor,
      divisionCode: '330521101',
      kind: 'medical-expense',
      level: 2,
      campaignId: null,
      finding: 'needs-assistance',
      checkedAt: '2026-03-04T01:30:00.000Z',
      recordedAt: '2026-03-04T03:00:00.000Z',
      late: false,
      applicationId,
    });
    expect(leaks(m)).toEqual([]);
    const twice = await http()
      .post(`/low-income-warnings/${ids.medical}/check`)
      .set(bearer(townshipOfficer))
      .send({ finding: 'no-change' })
      .expect(409);
    expect(twice.body.error).toBe('AlreadyChecked');
  });

  it('signals an unchecked warning past its limit once, however many sweeps run; a late check clears it', async () => {
    const sweep = () => app.get(WarningOverdueSweep).sweep();
    clock.set('2026-03-05T02:00:00Z'); // the death warning's due instant: on time still
    expect(await sweep()).toMatchObject({ overdue: 0, signalled: 0 });
    clock.set('2026-03-05T02:00:01Z');
    const results = await Promise.all([sweep(), sweep(), sweep()]);
    expect(results.reduce((n, r) => n + r.signalled, 0)).toBe(2); // the death warning and the later unemployment one
    expect((await http().post('/low-income-warnings/overdue-sweeps').set(bearer(admin)).expect(200)).body).toMatchObject({ signalled: 0 });
    const [m] = await waitFor('LowIncomeWarningOverdue on the wire', () => {
      const found = onWire(LowIncomeWarningOverdueV1.type, ids.death);
      return found.length ? found : undefined;
    });
    expect(m.json).toMatchObject({
      warningId: ids.death,
      subjectType: 'household',
      subjectRef: ids.enrolled,
      level: 1,
      limitDays: 3,
      dueAt: '2026-03-05T02:00:00.000Z',
    });
    expect(leaks(m)).toEqual([]);
    const overdueList = await http().get('/low-income-warnings?overdue=true').set(bearer(townshipOfficer)).expect(200);
    expect(overdueList.body.items.map((w: { warningId: string }) => w.warningId)).toEqual([ids.death]);

    clock.set('2026-03-06T02:00:00Z');
    const late = await http()
      .post(`/low-income-warnings/${ids.death}/check`)
      .set(bearer(townshipOfficer))
      .send({ finding: 'not-eligible', reason: '家庭收入已超过低保边缘标准' })
      .expect(200);
    expect(late.body.check).toMatchObject({
      finding: 'not-eligible',
      late: true,
      reason: '家庭收入已超过低保边缘标准',
      applicationId: null,
    });
    await waitFor('the late check on the wire', () => onWire(LowIncomeWarningCheckedV1.type, ids.death)[0]);
    await sweep();
    // still one signal per warning
    expect(onWire(LowIncomeWarningOverdueV1.type, ids.death)).toHaveLength(1);
    expect(onWire(LowIncomeWarningOverdueV1.type, ids.medical)).toHaveLength(0);
  });

  it('runs the yearly campaign: one task per household on a register, coverage per township, safe to run again', async () => {
    clock.set('2026-03-10T02:00:00Z');
    await http()
      .post('/low-income-campaigns')
      .set(bearer(townshipOfficer))
      .send({ campaignId: 'c-2026', year: 2026, divisionCode: '330521' })
      .expect(403);
    const bad = await http()
      .post('/low-income-campaigns')
      .set(bearer(countyOfficer))
      .send({ campaignId: 'c-2026', year: 2026, divisionCode: '330521101' })
      .expect(400);
    expect(JSON.stringify(bad.body)).toContain('divisionCode');
    const opened = await http()
      .post('/low-income-campaigns')
      .set(bearer(countyOfficer))
      .send({ campaignId: 'c-2026', year: 2026, divisionCode: '330521' })
      .expect(201);
    expect(opened.body).toMatchObject({ created: true, status: 'open', snapshotDate: '2026-03-10', coverage: { due: 0 } });

    const ran = await http().post('/low-income-campaigns/c-2026/runs').set(bearer(countyOfficer)).expect(200);
    expect(ran.body).toMatchObject({
      status: 'completed',
      progress: { bucketsRead: 2048, buckets: 2048 },
      tasksCreated: 2, // the enrolled couple (one household) and the 特困 person; the poor household is on no register
      coverage: {
        due: 2,
        checked: 0,
        overdue: 0,
        townships: [
          { townshipCode: '330521101', due: 1, checked: 0, overdue: 0 },
          { townshipCode: '330521102', due: 1, checked: 0, overdue: 0 },
        ],
      },
    });
    const again = await http().post('/low-income-campaigns/c-2026/runs').set(bearer(countyOfficer)).expect(200);
    expect(again.body).toMatchObject({ tasksCreated: 2, coverage: { due: 2 } });
    const reopened = await http()
      .post('/low-income-campaigns')
      .set(bearer(countyOfficer))
      .send({ campaignId: 'c-2026', year: 2026, divisionCode: '330521' })
      .expect(201);
    expect(reopened.body).toMatchObject({ created: false, status: 'completed' });

    const tasks = await http().get('/low-income-warnings?campaignId=c-2026').set(bearer(townshipOfficer)).expect(200);
    expect(tasks.body.items).toHaveLength(1);
    expect(tasks.body.items[0]).toMatchObject({
      kind: 'annual-review',
      subjectType: 'household',
      subjectId: ids.enrolled,
      level: 3,
      limitDays: 60,
    });
    await http()
      .post(`/low-income-warnings/${tasks.body.items[0].warningId}/check`)
      .set(bearer(townshipOfficer))
      .send({ finding: 'no-change' })
      .expect(200);

    clock.set('2026-05-10T02:00:01Z'); // past the 60-day limit
    const coverage = await http().get('/low-income-campaigns/c-2026').set(bearer(countyOfficer)).expect(200);
    expect(coverage.body.coverage).toEqual({
      due: 2,
      checked: 1,
      overdue: 1,
      townships: [
        { townshipCode: '330521101', due: 1, checked: 1, overdue: 0 },
        { townshipCode: '330521102', due: 1, checked: 0, overdue: 1 },
      ],
    });
    await http().get('/low-income-campaigns/c-2026').set(bearer(neighbourCounty)).expect(404);
  });

  it('resumes a campaign run that stopped part-way from its cursor, making each task once', async () => {
    await http()
      .post('/low-income-campaigns')
      .set(bearer(countyOfficer))
      .send({ campaignId: 'c-2026-b', year: 2026, divisionCode: '330521' })
      .expect(201);
    const part = await app.get(Campaigns).run('c-2026-b', countyOfficer, 1);
    expect(part).toMatchObject({ status: 'running', progress: { bucketsRead: 32 } });
    const partial = part.tasksCreated;
    const rest = await http().post('/low-income-campaigns/c-2026-b/runs').set(bearer(countyOfficer)).expect(200);
    expect(rest.body).toMatchObject({ status: 'completed', progress: { bucketsRead: 2048 }, tasksCreated: 2, coverage: { due: 2 } });
    expect(partial).toBeLessThanOrEqual(2);
  });

  it('starts one application however many times the needs-assistance check is sent at once', async () => {
    const imported = await http()
      .post('/low-income-warnings/imports')
      .set(bearer(countyOfficer))
      .send({
        records: [
          {
            source: 'disabled-persons-federation',
            sourceRecordId: 'dpf-2026-05-0001',
            kind: 'disability',
            divisionCode: '330521101',
            personId: ids.poorHead,
          },
        ],
      })
      .expect(200);
    const { warningId } = imported.body.results[0];
    const send = () =>
      http()
        .post(`/low-income-warnings/${warningId}/check`)
        .set(bearer(townshipOfficer))
        .send({ finding: 'needs-assistance', application: { kind: 'temporary-relief', requestedAmountFen: 100_000 } });
    const answers = await Promise.all([send(), send(), send()]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    const applicationId = answers.find((r) => r.status === 200)!.body.check.applicationId;
    const theirs = (
      await http().get('/applications?kind=temporary-relief&divisionCode=330521101').set(bearer(townshipOfficer)).expect(200)
    ).body.filter((a: { applicantId: string }) => a.applicantId === ids.poorHead);
    expect(theirs.map((a: { applicationId: string }) => a.applicationId)).toEqual([applicationId]);
  });

  it('serves the zh-CN labels of kinds, grades, findings and statuses', async () => {
    const labels = (await http().get('/labels').set(bearer(townshipOfficer)).expect(200)).body;
    expect(labels.lowIncomeWarningKind).toMatchObject({ 'death-in-household': '家庭成员死亡', 'annual-review': '年度集中排查' });
    expect(labels.lowIncomeWarningLevel).toEqual({ 1: '一级预警', 2: '二级预警', 3: '三级预警' });
    expect(labels.lowIncomeCheckFinding['not-eligible']).toBe('不符合救助条件（登记备案）');
    expect(labels.lowIncomeCampaignStatus.completed).toMatch(/\p{Script=Han}/u);
  });
});
