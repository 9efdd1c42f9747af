import { INestApplication } from '@nestjs/common';
import { InspectionCompletedV1, InspectionTopic, RectificationIssueOpenedV1, RectificationIssueTopic } from '@civil/contracts';
import { SettableClock } from '@civil/kernel';
import { bearer, isolatedRun, TopicRecorder, waitFor } from '@civil/testing';
import request from 'supertest';
import { everythingOnKeyRead, institutionRegisteredRecord, startSupervision, upstream } from './support';

const county = { sub: 'o-county', roles: ['county-officer' as const], jurisdiction: '330521' };
const inspector = { sub: 'insp-1', roles: ['inspector' as const], jurisdiction: '330521' };
const province = { sub: 'o-prov', roles: ['province-officer' as const], jurisdiction: '33' };

describe('inspections: findings are graded on the grid and become rectification issues due by their letter', () => {
  const run = isolatedRun('sv-insp-findings');
  const clock = new SettableClock('2026-03-05T02:00:00Z'); // 2026-03-05 in Beijing
  const up = upstream(run);
  const inspectionTopic = up.names.physical(InspectionTopic.name);
  const issueTopic = up.names.physical(RectificationIssueTopic.name);
  let app: INestApplication;
  let recorder: TopicRecorder;
  let http: ReturnType<typeof request>;
  let inspectionId: string;
  let teamId: string;

  const fieldsOf = (body: { fields?: { field: string }[]; details?: { field: string } }) =>
    body.fields?.map((f) => f.field) ?? [body.details?.field];

  beforeAll(async () => {
    app = await startSupervision(run, clock);
    http = request(app.getHttpServer());
    recorder = await new TopicRecorder([inspectionTopic, issueTopic]).start();
    await up.publisher.publish([institutionRegisteredRecord('u-f'), institutionRegisteredRecord('u-self', '330521102', 'relief-station')]);
    await waitFor('the unit copy', async () =>
      (await http.get('/inspections/coverage').set(bearer(county)).expect(200)).body.unitsTotal === 2 ? true : undefined,
    );
    teamId = (
      await http
        .post('/inspection-teams')
        .set(bearer(county))
        .send({ name: '第二督查组', divisionCode: '330521', leader: { title: '市民政局二级调研员', rank: 'division' }, memberCount: 4 })
        .expect(201)
    ).body.teamId;
    const plan = (
      await http
        .post('/inspection-plans')
        .set(bearer(county))
        .send({
          title: '第 1 轮明察',
          mode: 'announced',
          teamId,
          periodStart: '2026-03-05',
          periodEnd: '2026-03-12',
          units: [{ unitId: 'u-f', scheduledDate: '2026-03-05' }],
        })
        .expect(201)
    ).body;
    inspectionId = plan.units[0].inspectionId;
    await http.post(`/inspections/${inspectionId}/start`).set(bearer(inspector)).send({}).expect(200);
  });

  afterAll(async () => {
    await recorder.stop();
    await up.publisher.disconnect();
    await app.close();
  });

  it('refuses bad input with 400 naming the field', async () => {
    const national = { sub: 'o-national', roles: ['national-admin' as const], jurisdiction: '11' };
    const cases: [string, string, object, string][] = [
      ['post', '/inspection-teams', { name: 'x', divisionCode: '330521', leader: { title: '局长', rank: 'minister' } }, 'leader.rank'],
      ['post', '/inspection-teams', { name: 'x', divisionCode: '3305211', leader: { title: '局长', rank: 'section' } }, 'divisionCode'],
      [
        'post',
        '/inspection-plans',
        {
          title: 'x',
          mode: 'surprise',
          teamId,
          periodStart: '2026-03-05',
          periodEnd: '2026-03-06',
          units: [{ unitId: 'u-f', scheduledDate: '2026-03-05' }],
        },
        'mode',
      ],
      [
        'post',
        '/inspection-plans',
        {
          title: 'x',
          mode: 'covert',
          periodStart: '2026-03-05',
          periodEnd: '2026-03-06',
          units: [{ unitId: 'u-f', scheduledDate: '2026-03-05' }],
        },
        'teamId',
      ],
      [
        'post',
        '/inspection-plans',
        {
          title: 'x',
          mode: 'covert',
          teamId,
          periodStart: '2026-03-05',
          periodEnd: '2026-03-06',
          units: [{ unitId: 'u-f', scheduledDate: '2026-03-09' }],
        },
        'units.0.scheduledDate',
      ],
      [
        'post',
        '/inspection-plans',
        {
          title: 'x',
          mode: 'covert',
          teamId,
          periodStart: '2026-03-05',
          periodEnd: '2026-03-06',
          units: [{ unitId: 'u-nope', scheduledDate: '2026-03-05' }],
        },
        'units.0.unitId',
      ],
      [
        'post',
        `/inspections/${inspectionId}/checklist-results`,
        {
          results: [
            { code: 'closed-management', outcome: 'pass' },
            { code: 'no-such-item', outcome: 'pass' },
          ],
        },
        'results.1.code',
      ],
      [
        'post',
        `/inspections/${inspectionId}/checklist-results`,
        { results: [{ code: 'closed-management', outcome: 'maybe' }] },
        'results.0.outcome',
      ],
      ['post', `/inspections/${inspectionId}/findings`, { summary: '访客登记不全', scope: 'everywhere', harmLevel: 2 }, 'scope'],
      ['post', `/inspections/${inspectionId}/findings`, { summary: '访客登记不全', scope: 'pattern', harmLevel: 5 }, 'harmLevel'],
      ['post', `/inspections/${inspectionId}/findings`, { summary: '', scope: 'pattern', harmLevel: 2 }, 'summary'],
      ['put', '/checklist-templates/elderly-care-home', { items: [{ code: 'Bad Code', text: 'x' }] }, 'items.0.code'],
      [
        'put',
        '/checklist-templates/elderly-care-home',
        {
          items: [
            { code: 'a', text: 'x' },
            { code: 'a', text: 'y' },
          ],
        },
        'items.1.code',
      ],
    ];
    for (const [method, path, body, field] of cases) {
      // the every-region checklist is set at national level
      const res = await (method === 'put' ? http.put(path).set(bearer(national)) : http.post(path).set(bearer(province))).send(body);
      expect([path, res.status]).toEqual([path, 400]);
      expect([path, fieldsOf(res.body)]).toEqual([path, [field]]);
    }
    await http.get('/inspections').query({ status: 'done' }).set(bearer(county)).expect(400);
  });

  it('grades findings A–L, dates each issue by its letter and the region’s days, and opens it on completion', async () => {
    await http
      .put('/regional-settings/inspection-rectify-days-d-f')
      .set(bearer(province))
      .send({ divisionCode: '330521', value: 7 })
      .expect(200);
    await http
      .post(`/inspections/${inspectionId}/checklist-results`)
      .set(bearer(inspector))
      .send({
        results: [
          { code: 'closed-management', outcome: 'pass' },
          { code: 'visitor-registration', outcome: 'fail', note: '缺 3 月 3 日记录' },
          { code: 'isolation-rooms', outcome: 'fail' },
        ],
      })
      .expect(200);
    const e = (
      await http
        .post(`/inspections/${inspectionId}/findings`)
        .set(bearer(inspector))
        .send({ checklistCode: 'visitor-registration', summary: '访客登记不全，未落实预约错峰', scope: 'pattern', harmLevel: 2 })
        .expect(201)
    ).body;
    const j = (
      await http
        .post(`/inspections/${inspectionId}/findings`)
        .set(bearer(inspector))
        .send({
          checklistCode: 'isolation-rooms',
          summary: '隔离观察室未设置',
          scope: 'isolated',
          harmLevel: 4,
          responsibleHead: '德清县卫生健康局局长',
        })
        .expect(201)
    ).body;
    expect([e.letter, e.letterLabel, j.letter]).toEqual(['E', 'E 多处·潜在危害超出轻微', 'J']);

    const missingHead = await http.post(`/inspections/${inspectionId}/complete`).set(bearer(inspector)).send({}).expect(400);
    expect(missingHead.body.details).toEqual({ field: 'responsibleHead' });

    const done = (
      await http
        .post(`/inspections/${inspectionId}/complete`)
        .set(bearer(inspector))
        .send({ responsibleHead: '德清县民政局局长' })
        .expect(200)
    ).body;
    expect(done.status).toBe('completed');
    const byLetter = Object.fromEntries(done.findings.map((f: { letter: string }) => [f.letter, f]));
    expect(byLetter.E).toMatchObject({ dueDate: '2026-03-12', responsibleHead: '德清县民政局局长', issueId: expect.any(String) });
    expect(byLetter.J).toMatchObject({ dueDate: '2026-03-06', responsibleHead: '德清县卫生健康局局长', issueId: expect.any(String) });

    const issue = (await http.get(`/rectification-issues/${byLetter.J.issueId}`).set(bearer(county)).expect(200)).body;
    expect(issue).toMatchObject({
      findingId: j.findingId,
      inspectionId,
      unitId: 'u-f',
      severity: 'J',
      dueDate: '2026-03-06',
      responsibleHead: '德清县卫生健康局局长',
      status: expect.any(String),
    });

    const opened = await recorder.waitForCount(issueTopic, 2, RectificationIssueOpenedV1.type);
    expect(opened.map((m) => [m.json.issueId, m.json.dueDate]).sort()).toEqual(
      [
        [byLetter.E.issueId, '2026-03-12'],
        [byLetter.J.issueId, '2026-03-06'],
      ].sort(),
    );
    const [completed] = await recorder.waitForCount(inspectionTopic, 1, InspectionCompletedV1.type);
    expect(completed.json).toMatchObject({
      inspectionId,
      checklistItems: 10,
      checklistPassed: 1,
      checklistFailed: 2,
      checklistNotChecked: 7,
      findings: 2,
      findingsBySeverity: { E: 1, J: 1 },
      highestSeverity: 'J',
    });
    expect(opened[0].headers.ce_correlationid).toBe(completed.headers.ce_id);

    // completing again opens nothing new
    const again = (await http.post(`/inspections/${inspectionId}/complete`).set(bearer(inspector)).send({}).expect(200)).body;
    expect(again.findings.map((f: { issueId: string }) => f.issueId).sort()).toEqual([byLetter.E.issueId, byLetter.J.issueId].sort());
    // a marker on each key proves the recorder has read every event published on it so far
    for (const issueId of [byLetter.E.issueId, byLetter.J.issueId]) {
      await everythingOnKeyRead(app, up, recorder, RectificationIssueTopic.name, issueId);
      expect(recorder.of(issueTopic, RectificationIssueOpenedV1.type).filter((m) => m.key === issueId)).toHaveLength(1);
    }
    await everythingOnKeyRead(app, up, recorder, InspectionTopic.name, inspectionId);
    expect(recorder.of(inspectionTopic, InspectionCompletedV1.type).filter((m) => m.key === inspectionId)).toHaveLength(1);
    await http
      .post(`/inspections/${inspectionId}/findings`)
      .set(bearer(inspector))
      .send({ summary: 'x', scope: 'isolated', harmLevel: 1 })
      .expect(409);

    const coverage = (await http.get('/inspections/coverage').set(bearer(county)).expect(200)).body;
    expect(coverage).toMatchObject({ unitsTotal: 2, unitsInspected: 1, coverageRate: 0.5, findingsByLetter: { E: 1, J: 1, A: 0 } });
  });

  it('lets a unit file and complete its own self-inspection (自查自纠), and nothing else', async () => {
    const staff = { sub: 's-self', roles: ['unit-staff' as const], jurisdiction: '330521102', unitId: 'u-self' };
    await http
      .post('/inspection-plans')
      .set(bearer(staff))
      .send({
        title: '自查',
        mode: 'announced',
        teamId,
        periodStart: '2026-03-05',
        periodEnd: '2026-03-06',
        units: [{ unitId: 'u-self', scheduledDate: '2026-03-05' }],
      })
      .expect(403);
    const other = await http
      .post('/inspection-plans')
      .set(bearer(staff))
      .send({
        title: '自查',
        mode: 'self-inspection',
        periodStart: '2026-03-05',
        periodEnd: '2026-03-06',
        units: [{ unitId: 'u-f', scheduledDate: '2026-03-05' }],
      })
      .expect(400);
    expect(other.body.details).toEqual({ field: 'units' });
    const plan = (
      await http
        .post('/inspection-plans')
        .set(bearer(staff))
        .send({
          title: '3 月自查自纠',
          mode: 'self-inspection',
          periodStart: '2026-03-05',
          periodEnd: '2026-03-06',
          units: [{ unitId: 'u-self', scheduledDate: '2026-03-05' }],
        })
        .expect(201)
    ).body;
    const id = plan.units[0].inspectionId;
    const started = (await http.post(`/inspections/${id}/start`).set(bearer(staff)).send({}).expect(200)).body;
    expect(started.checklist.items.map((i: { code: string }) => i.code)).toContain('intake-screening'); // the relief-station checklist
    await http
      .post(`/inspections/${id}/findings`)
      .set(bearer(staff))
      .send({ checklistCode: 'ppe-stock', summary: '防护服储备不足 3 天用量', scope: 'isolated', harmLevel: 1 })
      .expect(201);
    const done = (
      await http.post(`/inspections/${id}/complete`).set(bearer(staff)).send({ responsibleHead: '德清县救助管理站站长' }).expect(200)
    ).body;
    expect(done.findings[0]).toMatchObject({ letter: 'A', dueDate: '2026-04-04' });
    const issue = (await http.get(`/rectification-issues/${done.findings[0].issueId}`).set(bearer(staff)).expect(200)).body;
    expect(issue).toMatchObject({ unitId: 'u-self', severity: 'A' });
  });
});
