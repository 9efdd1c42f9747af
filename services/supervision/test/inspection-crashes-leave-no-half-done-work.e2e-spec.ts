import { INestApplication } from '@nestjs/common';
import {
  InspectionCompletedV1,
  InspectionScheduledV1,
  InspectionTopic,
  RectificationIssueOpenedV1,
  RectificationIssueTopic,
} from '@civil/contracts';
import { SettableClock } from '@civil/kernel';
import { bearer, isolatedRun, TopicRecorder, waitFor } from '@civil/testing';
import request from 'supertest';
import { OpenIssueFromFinding } from '../src/rectification/application/open-issue-from-finding';
import { InspectionRepository } from '../src/inspections/infrastructure/inspection.repository';
import { InspectionPlanRepository } from '../src/inspections/infrastructure/inspection-plan.repository';
import { everythingOnKeyRead, institutionRegisteredRecord, startSupervision, upstream } from './support';

const county = { sub: 'o-county', roles: ['county-officer' as const], jurisdiction: '330521' };
const inspector = { sub: 'insp-1', roles: ['inspector' as const], jurisdiction: '330521' };
const admin = { sub: 'admin', roles: ['admin' as const], jurisdiction: '33' };
const crash = () => Promise.reject(new Error('process died here'));

describe('inspections: a crash part-way through completing a visit or creating a round leaves nothing half done', () => {
  const run = isolatedRun('sv-insp-crash');
  const clock = new SettableClock('2026-03-05T02:00:00Z');
  const up = upstream(run);
  const inspectionTopic = up.names.physical(InspectionTopic.name);
  const issueTopic = up.names.physical(RectificationIssueTopic.name);
  let app: INestApplication;
  let recorder: TopicRecorder;
  let http: ReturnType<typeof request>;
  let teamId: string;

  /** InspectionScheduled of one inspection, once a marker on its key proves the recorder has read them all. */
  async function scheduledOnTheWire(inspectionId: string) {
    await everythingOnKeyRead(app, up, recorder, InspectionTopic.name, inspectionId);
    return recorder.of(inspectionTopic, InspectionScheduledV1.type).filter((m) => m.key === inspectionId);
  }
  const roundsTitled = async (title: string) =>
    (await http.get('/inspection-plans').set(bearer(county)).expect(200)).body.filter((p: { title: string }) => p.title === title);

  beforeAll(async () => {
    app = await startSupervision(run, clock);
    http = request(app.getHttpServer());
    recorder = await new TopicRecorder([inspectionTopic, issueTopic]).start();
    await up.publisher.publish(['u-c1', 'u-c2', 'u-c3'].map((u) => institutionRegisteredRecord(u)));
    await waitFor('the unit copy', async () =>
      (await http.get('/inspections/coverage').set(bearer(county)).expect(200)).body.unitsTotal === 3 ? true : undefined,
    );
    teamId = (
      await http
        .post('/inspection-teams')
        .set(bearer(county))
        .send({ name: '第三督查组', divisionCode: '330521', leader: { title: '县民政局副局长', rank: 'section' }, memberCount: 3 })
        .expect(201)
    ).body.teamId;
  });

  afterAll(async () => {
    jest.restoreAllMocks();
    await recorder.stop();
    await up.publisher.disconnect();
    await app.close();
  });

  it('opens the issues of a completion that died before opening them: the sweep finds it by its flag', async () => {
    const plan = (
      await http
        .post('/inspection-plans')
        .set(bearer(county))
        .send({
          title: '第 5 轮明察',
          mode: 'announced',
          teamId,
          periodStart: '2026-03-05',
          periodEnd: '2026-03-06',
          units: [{ unitId: 'u-c1', scheduledDate: '2026-03-05' }],
        })
        .expect(201)
    ).body;
    const id = plan.units[0].inspectionId;
    await http.post(`/inspections/${id}/start`).set(bearer(inspector)).send({}).expect(200);
    await http
      .post(`/inspections/${id}/findings`)
      .set(bearer(inspector))
      .send({ summary: '体温检测记录缺失', scope: 'isolated', harmLevel: 2 })
      .expect(201);
    await http
      .post(`/inspections/${id}/findings`)
      .set(bearer(inspector))
      .send({ summary: '隔离区标识不清', scope: 'pattern', harmLevel: 1 })
      .expect(201);

    const open = jest.spyOn(app.get(OpenIssueFromFinding), 'execute').mockImplementationOnce(crash);
    await http.post(`/inspections/${id}/complete`).set(bearer(inspector)).send({ responsibleHead: '德清县民政局局长' }).expect(500);
    const halfDone = (await http.get(`/inspections/${id}`).set(bearer(county)).expect(200)).body;
    expect(halfDone.status).toBe('completed');
    expect(halfDone.findings.map((f: { issueId: string | null }) => f.issueId)).toEqual([null, null]);
    expect(halfDone).not.toHaveProperty('issuesPending'); // bookkeeping, not part of the view

    // the sweep fails once more (it stays flagged), then opens both
    open.mockImplementationOnce(crash);
    expect((await http.post('/inspections/finding-issues-sweep').set(bearer(admin)).expect(200)).body).toEqual({
      inspections: 1,
      finished: 0,
      failed: 1,
    });
    expect((await http.post('/inspections/finding-issues-sweep').set(bearer(admin)).expect(200)).body).toEqual({
      inspections: 1,
      finished: 1,
      failed: 0,
    });
    open.mockRestore();
    const done = (await http.get(`/inspections/${id}`).set(bearer(county)).expect(200)).body;
    const issueIds = done.findings.map((f: { issueId: string | null }) => f.issueId);
    expect(issueIds).toEqual([expect.any(String), expect.any(String)]);
    for (const issueId of issueIds) {
      expect((await http.get(`/rectification-issues/${issueId}`).set(bearer(county)).expect(200)).body).toMatchObject({
        inspectionId: id,
        unitId: 'u-c1',
        responsibleHead: '德清县民政局局长',
      });
    }
    const [completed] = await recorder.waitForCount(inspectionTopic, 1, InspectionCompletedV1.type);
    const opened = await recorder.waitForCount(issueTopic, 2, RectificationIssueOpenedV1.type);
    expect(opened.map((m) => m.json.issueId).sort()).toEqual([...issueIds].sort());
    expect(opened.map((m) => m.headers.ce_correlationid)).toEqual([completed.headers.ce_id, completed.headers.ce_id]);

    // nothing is left for the sweep, and completing again changes nothing
    expect((await http.post('/inspections/finding-issues-sweep').set(bearer(admin)).expect(200)).body).toEqual({
      inspections: 0,
      finished: 0,
      failed: 0,
    });
    const again = (await http.post(`/inspections/${id}/complete`).set(bearer(inspector)).send({}).expect(200)).body;
    expect(again.findings.map((f: { issueId: string }) => f.issueId)).toEqual(issueIds);
    await http.post('/inspections/finding-issues-sweep').set(bearer(county)).expect(403);
  });

  it('writes a round only after all its inspections, and a retried request finishes that round instead of creating another', async () => {
    const title = '第 6 轮明察';
    const body = {
      title,
      mode: 'announced',
      teamId,
      periodStart: '2026-03-09',
      periodEnd: '2026-03-13',
      units: [
        { unitId: 'u-c2', scheduledDate: '2026-03-10' },
        { unitId: 'u-c3', scheduledDate: '2026-03-11' },
      ],
    };
    const inspections = app.get(InspectionRepository).store;
    const createInspection = inspections.create.bind(inspections);

    // 1st attempt dies after the first inspection: no round exists naming a missing inspection
    const insert = jest.spyOn(inspections, 'create').mockImplementationOnce(createInspection).mockImplementationOnce(crash);
    await http.post('/inspection-plans').set(bearer(county)).send(body).expect(500);
    insert.mockRestore();
    expect(await roundsTitled(title)).toEqual([]);
    const written = (await http.get('/inspections').set(bearer(county)).expect(200)).body.filter(
      (i: { unitId: string }) => i.unitId === 'u-c2' || i.unitId === 'u-c3',
    );
    expect(written.map((i: { unitId: string }) => i.unitId)).toEqual(['u-c2']);

    // 2nd attempt dies after both inspections, before the round
    jest.spyOn(app.get(InspectionPlanRepository).store, 'create').mockImplementationOnce(crash);
    await http.post('/inspection-plans').set(bearer(county)).send(body).expect(500);
    expect(await roundsTitled(title)).toEqual([]);

    // 3rd attempt writes the round, with the inspections the 1st one started
    const round = (await http.post('/inspection-plans').set(bearer(county)).send(body).expect(201)).body;
    expect(round.units.map((u: { unitId: string; inspectionId: string; status: string }) => [u.unitId, u.status])).toEqual([
      ['u-c2', 'scheduled'],
      ['u-c3', 'scheduled'],
    ]);
    expect(round.units[0].inspectionId).toBe(written[0].inspectionId);
    for (const u of round.units)
      expect((await http.get(`/inspections/${u.inspectionId}`).set(bearer(county)).expect(200)).body).toMatchObject({
        planId: round.planId,
        status: 'scheduled',
      });

    // a 4th (a retry after a lost response) returns the same round
    expect((await http.post('/inspection-plans').set(bearer(county)).send(body).expect(201)).body.planId).toBe(round.planId);
    expect((await roundsTitled(title)).map((p: { planId: string }) => p.planId)).toEqual([round.planId]);
    for (const u of round.units) expect(await scheduledOnTheWire(u.inspectionId)).toHaveLength(1);
  });

  it('takes the caller’s planId as the round’s id: the same request again is the same round, a different one under it a conflict', async () => {
    const body = {
      planId: 'dq-2026-r7',
      title: '第 7 轮明察',
      mode: 'announced',
      teamId,
      periodStart: '2026-03-16',
      periodEnd: '2026-03-20',
      units: [{ unitId: 'u-c1', scheduledDate: '2026-03-16' }],
    };
    const first = (await http.post('/inspection-plans').set(bearer(county)).send(body).expect(201)).body;
    expect(first.planId).toBe('dq-2026-r7');
    expect((await http.post('/inspection-plans').set(bearer(county)).send(body).expect(201)).body.units).toEqual(first.units);
    const other = await http
      .post('/inspection-plans')
      .set(bearer(county))
      .send({ ...body, title: '第 8 轮明察' })
      .expect(409);
    expect(other.body.details).toEqual({ field: 'planId' });
    expect(await roundsTitled('第 8 轮明察')).toEqual([]);
    // a different body without planId is a round of its own
    const second = (
      await http
        .post('/inspection-plans')
        .set(bearer(county))
        .send({ ...body, planId: undefined, title: '第 8 轮明察' })
        .expect(201)
    ).body;
    expect(second.planId).not.toBe(first.planId);
  });
});
