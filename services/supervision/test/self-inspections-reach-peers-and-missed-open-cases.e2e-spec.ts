import { INestApplication } from '@nestjs/common';
import {
  CaseOpenedV1,
  CaseResolvedV1,
  CaseTopic,
  RectificationIssueOpenedV1,
  RectificationIssueTopic,
  SelfInspectionMissedV1,
  SelfInspectionReportedV1,
  SelfInspectionTopic,
} from '@civil/contracts';
import { SettableClock } from '@civil/kernel';
import { OutboxRelay } from '@civil/messaging';
import { bearer, isolatedRun, TopicRecorder, waitFor } from '@civil/testing';
import request from 'supertest';
import { everythingOnKeyRead, institutionRegisteredRecord, startSupervision, upstream } from './support';

const county = { sub: 'o-county', roles: ['county-officer' as const], jurisdiction: '330521' };
const otherCounty = { sub: 'o-county-2', roles: ['county-officer' as const], jurisdiction: '330522' };
const inspector = { sub: 'insp-1', roles: ['inspector' as const], jurisdiction: '330521' };
const admin = { sub: 'admin', roles: ['admin' as const], jurisdiction: '33' };
const staffOf = (unitId: string, jurisdiction = '330521102') => ({
  sub: `s-${unitId}`,
  roles: ['unit-staff' as const],
  jurisdiction,
  unitId,
});

describe('举一反三: a confirmed finding sends self-inspections to the peers of its kind in the county', () => {
  const run = isolatedRun('sv-self-insp');
  const clock = new SettableClock('2026-03-05T02:00:00Z'); // 2026-03-05 in Beijing
  const up = upstream(run);
  const selfTopic = up.names.physical(SelfInspectionTopic.name);
  const caseTopic = up.names.physical(CaseTopic.name);
  const issueTopic = up.names.physical(RectificationIssueTopic.name);
  let app: INestApplication;
  let recorder: TopicRecorder;
  let http: ReturnType<typeof request>;
  let inspectionId: string;

  beforeAll(async () => {
    app = await startSupervision(run, clock);
    http = request(app.getHttpServer());
    recorder = await new TopicRecorder([selfTopic, caseTopic, issueTopic]).start();
    await up.publisher.publish([
      institutionRegisteredRecord('u-a', '330521101'),
      institutionRegisteredRecord('u-b', '330521102'),
      institutionRegisteredRecord('u-c', '330521103'),
      institutionRegisteredRecord('u-r', '330521102', 'relief-station'),
      institutionRegisteredRecord('u-x', '330522101'),
    ]);
    await waitFor('the unit copies', async () =>
      (await http.get('/inspections/coverage').set(bearer(admin)).query({ divisionCode: '33' }).expect(200)).body.unitsTotal === 5
        ? true
        : undefined,
    );
    const teamId = (
      await http
        .post('/inspection-teams')
        .set(bearer(county))
        .send({ name: '第一督查组', divisionCode: '330521', leader: { title: '县民政局副局长', rank: 'section' }, memberCount: 3 })
        .expect(201)
    ).body.teamId;
    const plan = (
      await http
        .post('/inspection-plans')
        .set(bearer(county))
        .send({
          title: '四不两直第 1 轮',
          mode: 'unannounced',
          teamId,
          periodStart: '2026-03-05',
          periodEnd: '2026-03-06',
          units: [{ unitId: 'u-a', scheduledDate: '2026-03-05' }],
        })
        .expect(201)
    ).body;
    inspectionId = plan.units[0].inspectionId;
  });

  afterAll(async () => {
    await recorder.stop();
    await up.publisher.disconnect();
    await app.close();
  });

  it('an unannounced visit stays hidden from its unit and from peers until it starts', async () => {
    await http
      .get(`/inspections/${inspectionId}`)
      .set(bearer(staffOf('u-a', '330521101')))
      .expect(404);
    await http
      .get(`/inspections/${inspectionId}`)
      .set(bearer(staffOf('u-b')))
      .expect(404);
    expect(
      (
        await http
          .get('/self-inspection-campaigns')
          .set(bearer(staffOf('u-b')))
          .expect(200)
      ).body,
    ).toEqual([]);
  });

  it('a severe finding sends by itself at completion; an officer sends a lighter one; only same-type peers of the county get tasks', async () => {
    await http.post(`/inspections/${inspectionId}/start`).set(bearer(inspector)).send({}).expect(200);
    await http
      .post(`/inspections/${inspectionId}/findings`)
      .set(bearer(inspector))
      .send({ checklistCode: 'visitor-registration', summary: '访客登记不全', scope: 'pattern', harmLevel: 2 })
      .expect(201);
    await http
      .post(`/inspections/${inspectionId}/findings`)
      .set(bearer(inspector))
      .send({ checklistCode: 'isolation-rooms', summary: '隔离观察室未设置', scope: 'isolated', harmLevel: 4 })
      .expect(201);
    const light = (await http.get(`/inspections/${inspectionId}`).set(bearer(inspector)).expect(200)).body.findings[0];
    // not confirmed before completion
    expect(
      (await http.post(`/inspections/${inspectionId}/findings/${light.findingId}/self-inspections`).set(bearer(county)).expect(409)).body
        .error,
    ).toBe('FindingNotConfirmed');
    await http
      .post(`/inspections/${inspectionId}/complete`)
      .set(bearer(inspector))
      .send({ responsibleHead: '德清县民政局局长' })
      .expect(200);

    const automatic = (await http.get('/self-inspection-campaigns').set(bearer(county)).query({ inspectionId }).expect(200)).body;
    expect(automatic).toHaveLength(1);
    expect(automatic[0]).toMatchObject({ severity: 'J', checklistCode: 'isolation-rooms', launchedBy: 'automatic', dueDate: '2026-03-12' });
    expect(automatic[0].tasks.map((t: { unitId: string }) => t.unitId).sort()).toEqual(['u-b', 'u-c']);

    expect(
      (
        await http
          .post(`/inspections/${inspectionId}/findings/${light.findingId}/self-inspections`)
          .set(bearer(staffOf('u-a', '330521101')))
          .expect(403)
      ).body.error,
    ).toBeDefined();
    const sent = (
      await http.post(`/inspections/${inspectionId}/findings/${light.findingId}/self-inspections`).set(bearer(county)).expect(201)
    ).body;
    expect(sent).toMatchObject({
      severity: 'E',
      checklistCode: 'visitor-registration',
      launchedBy: 'o-county',
      scopeDivisionCode: '330521',
    });
    expect(sent.coverage).toMatchObject({ sent: 2, reported: 0, missed: 0, outstanding: 2 });
    expect(sent.tasks.map((t: { unitId: string }) => t.unitId).sort()).toEqual(['u-b', 'u-c']);
    // sending again returns the same campaign
    expect(
      (await http.post(`/inspections/${inspectionId}/findings/${light.findingId}/self-inspections`).set(bearer(county)).expect(201)).body
        .campaignId,
    ).toBe(sent.campaignId);

    // peers see their own task, not the unit of the finding; other types and counties see nothing
    const mine = (
      await http
        .get('/self-inspection-campaigns')
        .set(bearer(staffOf('u-b')))
        .expect(200)
    ).body;
    expect(mine).toHaveLength(2);
    expect(mine[0].task).toMatchObject({ unitId: 'u-b', state: 'pending', stateLabel: '待自查' });
    expect(mine[0].sourceUnitId).toBeUndefined();
    expect(mine[0].tasks).toBeUndefined();
    expect(
      (
        await http
          .get('/self-inspection-campaigns')
          .set(bearer(staffOf('u-r')))
          .expect(200)
      ).body,
    ).toEqual([]);
    expect((await http.get('/self-inspection-campaigns').set(bearer(otherCounty)).expect(200)).body).toEqual([]);
    await http.get(`/self-inspection-campaigns/${sent.campaignId}`).set(bearer(otherCounty)).expect(404);
    await http
      .get(`/self-inspection-campaigns/${sent.campaignId}`)
      .set(bearer(staffOf('u-r')))
      .expect(404);
  });

  it('peers report back; an issue found opens its own rectification issue; a miss is published once, opens a case, and a late report clears it', async () => {
    const [campaign] = (await http.get('/self-inspection-campaigns').set(bearer(county)).query({ inspectionId }).expect(200)).body.filter(
      (c: { severity: string }) => c.severity === 'E',
    );
    const report = (
      unitId: string,
      body: object,
      who: ReturnType<typeof staffOf> | typeof county = staffOf(unitId, unitId === 'u-c' ? '330521103' : '330521102'),
    ) => http.post(`/self-inspection-campaigns/${campaign.campaignId}/tasks/${unitId}/report`).set(bearer(who)).send(body);

    expect((await report('u-b', { outcome: 'found-nothing' }).expect(400)).body.fields[0].field).toBe('outcome');
    expect((await report('u-b', { outcome: 'issue-found' }).expect(400)).body.details).toEqual({ field: 'note' });
    await report('u-b', { outcome: 'no-issue' }, staffOf('u-c', '330521103')).expect(404); // another unit's task
    clock.set('2026-03-06T02:00:00Z');
    const afterB = (await report('u-b', { outcome: 'issue-found', note: '来访登记表缺少测温记录' }).expect(200)).body;
    expect(afterB.task).toMatchObject({ state: 'reported', outcome: 'issue-found', outcomeLabel: '发现问题待整改' });
    const issue = await waitFor('the peer’s own rectification issue', () =>
      recorder.of(issueTopic, RectificationIssueOpenedV1.type).find((m) => m.json.unitId === 'u-b'),
    );
    expect(issue.json).toMatchObject({ severity: 'E', divisionCode: '330521102', dueDate: '2026-03-16' });
    expect(afterB.task.issueId).toBe(issue.json.issueId);
    expect((await report('u-b', { outcome: 'no-issue' }).expect(409)).body.error).toBe('AlreadyReported');

    const sweep = async () => (await http.post('/self-inspection-campaigns/missed-sweep').set(bearer(admin)).expect(200)).body;
    clock.set('2026-03-12T15:59:00Z'); // still the due day
    expect((await sweep()).recorded).toBe(0);
    clock.set('2026-03-12T16:05:00Z'); // the due day is over: u-c of both campaigns, u-b of the automatic one
    expect(await sweep()).toEqual({ today: '2026-03-13', recorded: 3 });
    expect((await sweep()).recorded).toBe(0);
    await everythingOnKeyRead(app, up, recorder, SelfInspectionTopic.name, 'u-c');
    const missedC = recorder
      .of(selfTopic, SelfInspectionMissedV1.type)
      .filter((m) => m.json.campaignId === campaign.campaignId)
      .map((m) => m.json);
    expect(missedC).toEqual([expect.objectContaining({ unitId: 'u-c', dueDate: '2026-03-12', checklistCode: 'visitor-registration' })]);
    const opened = await waitFor('the case on u-c', () =>
      recorder.of(caseTopic, CaseOpenedV1.type).find((m) => m.json.caseType === 'self-inspection-missed' && m.json.subjectId === 'u-c'),
    );
    expect(opened.json).toMatchObject({ unitId: 'u-c', level: 'county', divisionCode: '330521103' });

    const view = (await http.get(`/self-inspection-campaigns/${campaign.campaignId}`).set(bearer(county)).expect(200)).body;
    expect(view.coverage).toMatchObject({ sent: 2, reported: 1, missed: 1, outstanding: 1 });

    clock.set('2026-03-13T02:00:00Z');
    const late = (await report('u-c', { outcome: 'rectified', note: '已补设登记台账' }).expect(200)).body;
    expect(late.task).toMatchObject({ state: 'reported-late', late: true });
    const reported = await waitFor('the late report', () =>
      recorder
        .of(selfTopic, SelfInspectionReportedV1.type)
        .find((m) => m.json.campaignId === campaign.campaignId && m.json.unitId === 'u-c'),
    );
    expect(reported.json).toMatchObject({ outcome: 'rectified', late: true, issueId: null });
    // the automatic campaign's miss on u-c keeps the case open until that one is reported too
    const [auto] = (await http.get('/self-inspection-campaigns').set(bearer(county)).query({ inspectionId }).expect(200)).body.filter(
      (c: { severity: string }) => c.severity === 'J',
    );
    await http
      .post(`/self-inspection-campaigns/${auto.campaignId}/tasks/u-c/report`)
      .set(bearer(county))
      .send({ outcome: 'no-issue' })
      .expect(200);
    const resolved = await waitFor('the case resolved by the reports', () =>
      recorder.of(caseTopic, CaseResolvedV1.type).find((m) => m.json.caseId === opened.json.caseId),
    );
    expect(resolved.json).toMatchObject({ resolution: 'self-inspection-reported' });
    await app.get(OutboxRelay).flush();
    const final = (await http.get(`/self-inspection-campaigns/${campaign.campaignId}`).set(bearer(county)).expect(200)).body;
    expect(final.coverage).toMatchObject({ sent: 2, reported: 2, reportedLate: 1, missed: 1, outstanding: 0 });
  });
});
