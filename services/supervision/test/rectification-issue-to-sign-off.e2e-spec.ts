import { INestApplication } from '@nestjs/common';
import {
  RectificationEvidenceSubmittedV1,
  RectificationIssueOpenedV1,
  RectificationIssueOverdueV1,
  RectificationIssueReopenedV1,
  RectificationIssueSignedOffV1,
  RectificationIssueTopic,
  RectificationRevisitedV1,
} from '@civil/contracts';
import { SettableClock } from '@civil/kernel';
import { OutboxRelay, TopicNames } from '@civil/messaging';
import { bearer, isolatedRun, TopicRecorder, waitFor } from '@civil/testing';
import type { MintTokenClaims } from '@civil/platform';
import request from 'supertest';
import { OpenIssueFromFinding } from '../src/rectification/application/open-issue-from-finding';
import { SummarizeIssues } from '../src/rectification/application/summarize-issues';
import { startSupervision } from './support';

const DIVISION = '330521101';
const HEAD = '德清县民政局局长';
const inspector = { sub: 'insp-1', roles: ['inspector' as const], jurisdiction: '330521' };
const county = { sub: 'o-330521', roles: ['county-officer' as const], jurisdiction: '330521' };
const township = { sub: 'o-330521101', roles: ['township-officer' as const], jurisdiction: DIVISION };
const admin = { sub: 'admin', roles: ['admin' as const], jurisdiction: '33' };
const staffOf = (unitId: string) => ({ sub: `s-${unitId}`, roles: ['unit-staff' as const], jurisdiction: DIVISION, unitId });

describe('supervision: an issue from notice to sign-off (问题清单 → 销号)', () => {
  const run = isolatedRun('sv-rectification');
  const clock = new SettableClock('2026-03-03T02:00:00Z'); // Shanghai 2026-03-03 10:00
  const topic = new TopicNames(run.topicPrefix).physical(RectificationIssueTopic.name);
  let app: INestApplication;
  let recorder: TopicRecorder;
  let http: ReturnType<typeof request>;

  const eventsOf = (issueId: string, type?: string) => recorder.of(topic, type).filter((m) => m.json?.issueId === issueId);
  const openDirect = async (unitId: string | null, dueDate = '2026-03-10', who: MintTokenClaims = inspector) =>
    (
      await http
        .post('/rectification-issues')
        .set(bearer(who))
        .send({
          unitId,
          divisionCode: DIVISION,
          summary: '消防通道堆放杂物',
          severity: 'F',
          dueDate,
          responsibleHead: HEAD,
          origin: 'complaint',
        })
        .expect(201)
    ).body;
  const evidence = (issueId: string, who: MintTokenClaims) =>
    http
      .post(`/rectification-issues/${issueId}/evidence`)
      .set(bearer(who))
      .send({ description: '已清理通道并建立巡查制度', attachments: ['att-1', 'att-2'] });
  const revisit = (issueId: string, body: object) =>
    http.post(`/rectification-issues/${issueId}/revisits`).set(bearer(inspector)).send(body);
  const signOff = (issueId: string, who: MintTokenClaims = county) =>
    http.post(`/rectification-issues/${issueId}/sign-off`).set(bearer(who));
  const sweep = async () => (await http.post('/rectification-issues/overdue-sweep').set(bearer(admin)).expect(200)).body;

  beforeAll(async () => {
    app = await startSupervision(run, clock);
    http = request(app.getHttpServer());
    recorder = await new TopicRecorder([topic]).start();
  });

  afterAll(async () => {
    await recorder.stop();
    await app.close();
  });

  it('open → evidence → revisit not accepted → reopened → evidence → revisit accepted → signed off, each step on the topic in order', async () => {
    const openFromFinding = app.get(OpenIssueFromFinding);
    const finding = {
      findingId: 'finding-1',
      inspectionId: 'insp-2026-001',
      unitId: 'u-a',
      divisionCode: DIVISION,
      summary: '访客登记不全，未落实预约错峰',
      severity: 'E',
      dueDate: '2026-03-10',
      responsibleHead: HEAD,
      openedBy: 'insp-1',
    };
    const { issueId } = await openFromFinding.execute(finding, { correlationId: 'corr-insp-1', causationId: 'evt-finding-1' });
    expect((await openFromFinding.execute(finding)).issueId).toBe(issueId); // idempotent by finding

    expect((await evidence(issueId, staffOf('u-a')).expect(200)).body.status).toBe('rectifying');
    const rejected = (await revisit(issueId, { accepted: false, reason: '复查时仍无预约记录' }).expect(200)).body;
    expect(rejected).toMatchObject({ status: 'reopened', dueDate: '2026-03-10' }); // revisit day + 7 (regional default)
    expect(rejected.notice).toMatchObject({ to: HEAD, dueDate: rejected.dueDate });
    expect((await evidence(issueId, township).expect(200)).body.status).toBe('rectifying');
    expect((await revisit(issueId, { accepted: true, note: '预约登记已落实' }).expect(200)).body.status).toBe('verified');
    expect((await signOff(issueId).expect(200)).body.status).toBe('signed-off');

    const types = [
      RectificationIssueOpenedV1.type,
      RectificationEvidenceSubmittedV1.type,
      RectificationRevisitedV1.type,
      RectificationIssueReopenedV1.type,
      RectificationEvidenceSubmittedV1.type,
      RectificationRevisitedV1.type,
      RectificationIssueSignedOffV1.type,
    ];
    await waitFor('seven events of the issue', () => eventsOf(issueId).length >= types.length);
    await app.get(OutboxRelay).flush();
    await recorder.caughtUp(); // a stray eighth event, had one been published, is recorded by now
    const onTopic = eventsOf(issueId);
    expect(onTopic.map((m) => m.headers.ce_type)).toEqual(types);
    expect(new Set(onTopic.map((m) => m.key))).toEqual(new Set([issueId]));
    expect(onTopic[0].json).toMatchObject({
      issueId,
      unitId: 'u-a',
      divisionCode: DIVISION,
      dueDate: '2026-03-10',
      severity: 'E',
      inspectionId: 'insp-2026-001',
      findingId: 'finding-1',
      noticeTo: HEAD,
    });
    expect(onTopic[0].headers).toMatchObject({ ce_correlationid: 'corr-insp-1', ce_causationid: 'evt-finding-1' });
    expect(onTopic[2].json).toMatchObject({ revisitNo: 1, result: 'not-accepted', reason: '复查时仍无预约记录' });
    expect(onTopic[3].json).toMatchObject({ reason: '复查时仍无预约记录', dueDate: '2026-03-10' });
    expect(onTopic[5].json).toMatchObject({ revisitNo: 2, result: 'accepted' });
    for (const m of onTopic) expect(m.value).not.toMatch(/insp-1|s-u-a|o-330521|att-1/); // no account ids or attachment refs

    const detail = (await http.get(`/rectification-issues/${issueId}`).set(bearer(county)).expect(200)).body;
    expect(detail.history.map((h: { action: string }) => h.action)).toEqual([
      'opened',
      'evidence-submitted',
      'revisited',
      'reopened',
      'evidence-submitted',
      'revisited',
      'signed-off',
    ]);
    expect(detail.history[1]).toMatchObject({ by: 's-u-a', status: 'rectifying' });
    expect(detail.notices).toHaveLength(2);
    expect(detail.evidence[0]).toMatchObject({ attachments: ['att-1', 'att-2'], submittedBy: 's-u-a' });

    // nothing moves a signed-off issue
    expect((await evidence(issueId, township).expect(409)).body.error).toBe('IssueSignedOff');
    expect((await revisit(issueId, { accepted: true }).expect(409)).body.error).toBe('IssueSignedOff');
    expect((await signOff(issueId).expect(409)).body.error).toBe('IssueSignedOff');
  });

  it('refuses sign-off without an accepted revisit (409 naming the rule)', async () => {
    const issue = await openDirect('u-a');
    const refused = await signOff(issue.issueId).expect(409);
    expect(refused.body.error).toBe('SignOffNeedsAcceptedRevisit');
    expect(refused.body.message).toContain('复查通过后方可销号');
    await evidence(issue.issueId, staffOf('u-a')).expect(200);
    expect((await signOff(issue.issueId).expect(409)).body.error).toBe('SignOffNeedsAcceptedRevisit');
    expect((await revisit(issue.issueId, { accepted: false }).expect(400)).body.fields.map((f: { field: string }) => f.field)).toEqual([
      'reason',
    ]);
  });

  it('refuses bad input with 400 naming the fields', async () => {
    const bad = await http
      .post('/rectification-issues')
      .set(bearer(inspector))
      .send({ divisionCode: '3305211', summary: '', severity: 'M', dueDate: '2026/03/10' })
      .expect(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field).sort()).toEqual([
      'divisionCode',
      'dueDate',
      'responsibleHead',
      'severity',
      'summary',
    ]);
    const notADay = await http
      .post('/rectification-issues')
      .set(bearer(inspector))
      .send({ divisionCode: DIVISION, summary: 's', severity: 'A', dueDate: '2026-02-30', responsibleHead: HEAD })
      .expect(400);
    expect(notADay.body.details).toEqual({ field: 'dueDate' });
    const past = await http
      .post('/rectification-issues')
      .set(bearer(inspector))
      .send({ divisionCode: DIVISION, summary: 's', severity: 'A', dueDate: '2026-03-02', responsibleHead: HEAD })
      .expect(400);
    expect(past.body).toMatchObject({ error: 'DueDateInPast', details: { field: 'dueDate' } });
    const attachments = await http
      .post('/rectification-issues/x/evidence')
      .set(bearer(township))
      .send({ description: 'd', attachments: 'att-1' })
      .expect(400);
    expect(attachments.body.fields.map((f: { field: string }) => f.field)).toEqual(['attachments']);
    await http
      .post('/rectification-issues')
      .set(bearer(inspector))
      .send({ divisionCode: '330681001', summary: 's', severity: 'A', dueDate: '2026-03-10', responsibleHead: HEAD })
      .expect(403);
    await http
      .post('/rectification-issues')
      .set(bearer(staffOf('u-a')))
      .send({ divisionCode: DIVISION, summary: 's', severity: 'A', dueDate: '2026-03-10', responsibleHead: HEAD })
      .expect(403);
  });

  it('shows unit staff only their own unit’s issues', async () => {
    const mine = await openDirect('u-mine');
    const theirs = await openDirect('u-theirs');
    const office = await openDirect(null);
    const listed = (
      await http
        .get('/rectification-issues')
        .set(bearer(staffOf('u-mine')))
        .expect(200)
    ).body;
    expect(listed.map((i: { issueId: string }) => i.issueId)).toEqual([mine.issueId]);
    expect(
      (
        await http
          .get('/rectification-issues')
          .query({ unitId: 'u-theirs' })
          .set(bearer(staffOf('u-mine')))
          .expect(200)
      ).body,
    ).toEqual([]);
    await http
      .get(`/rectification-issues/${mine.issueId}`)
      .set(bearer(staffOf('u-mine')))
      .expect(200);
    expect(
      (
        await http
          .get(`/rectification-issues/${theirs.issueId}`)
          .set(bearer(staffOf('u-mine')))
          .expect(404)
      ).body.error,
    ).toBe('IssueNotFound');
    await http
      .get(`/rectification-issues/${office.issueId}`)
      .set(bearer(staffOf('u-mine')))
      .expect(404);
    await evidence(theirs.issueId, staffOf('u-mine')).expect(404);
    const all = (await http.get('/rectification-issues').set(bearer(county)).expect(200)).body.map((i: { issueId: string }) => i.issueId);
    expect(all).toEqual(expect.arrayContaining([mine.issueId, theirs.issueId, office.issueId]));
    const elsewhere = { sub: 'o-330681', roles: ['county-officer' as const], jurisdiction: '330681' };
    expect((await http.get('/rectification-issues').set(bearer(elsewhere)).expect(200)).body).toEqual([]);
    const summary = (
      await http
        .get('/rectification-issues/summary')
        .set(bearer(staffOf('u-mine')))
        .expect(200)
    ).body;
    expect(summary).toMatchObject({ open: 1, total: 1 });
  });

  it('publishes RectificationIssueOverdue once per due day, and again after a reopening’s new due day passes', async () => {
    const issue = await openDirect('u-late', '2026-03-03');
    const overdueOf = () => eventsOf(issue.issueId, RectificationIssueOverdueV1.type);
    await sweep();
    await app.get(OutboxRelay).flush();
    await recorder.caughtUp();
    expect(overdueOf()).toHaveLength(0);

    clock.set(new Date('2026-03-03T16:00:01Z')); // Shanghai 2026-03-04 00:00:01: the due day has ended
    await sweep();
    await sweep();
    const [first] = await waitFor('overdue of the issue', () => (overdueOf().length ? overdueOf() : undefined));
    await app.get(OutboxRelay).flush();
    await recorder.caughtUp();
    expect(overdueOf()).toHaveLength(1);
    expect(first.key).toBe(issue.issueId);
    expect(first.json).toEqual({
      issueId: issue.issueId,
      unitId: 'u-late',
      divisionCode: DIVISION,
      dueDate: '2026-03-03',
      detectedAt: '2026-03-03T16:00:01.000Z',
      severity: 'F',
      summary: '消防通道堆放杂物',
    });
    const overdueList = (await http.get('/rectification-issues').query({ overdue: 'true' }).set(bearer(county)).expect(200)).body.map(
      (i: { issueId: string }) => i.issueId,
    );
    expect(overdueList).toContain(issue.issueId);

    await evidence(issue.issueId, staffOf('u-late')).expect(200);
    const reopened = (await revisit(issue.issueId, { accepted: false, reason: '仍有杂物' }).expect(200)).body;
    expect(reopened.dueDate).toBe('2026-03-11'); // default: 7 days from the revisit day
    expect(reopened.overdue).toBe(false);

    clock.set(new Date('2026-03-11T15:59:59Z')); // last second of the new due day
    await sweep();
    await app.get(OutboxRelay).flush();
    await recorder.caughtUp();
    expect(overdueOf()).toHaveLength(1);

    clock.set(new Date('2026-03-11T16:00:05Z'));
    await sweep();
    await sweep();
    await waitFor('the second overdue', () => overdueOf().length >= 2);
    await app.get(OutboxRelay).flush();
    await recorder.caughtUp();
    expect(overdueOf().map((m) => m.json.dueDate)).toEqual(['2026-03-03', '2026-03-11']);
    const detail = (await http.get(`/rectification-issues/${issue.issueId}`).set(bearer(county)).expect(200)).body;
    expect(detail.history.filter((h: { action: string }) => h.action === 'overdue')).toHaveLength(2);

    const summary = await app.get(SummarizeIssues).execute(county, { divisionCode: '330521' });
    expect(summary.byDivision[DIVISION].overdue).toBeGreaterThanOrEqual(1);
    expect(summary.overdue).toBe(summary.byDivision[DIVISION].overdue);
  });

  it('gives a reopened issue the region’s own re-rectification period when one is set', async () => {
    await http
      .put('/regional-settings/rectification-reopen-due-days')
      .set(bearer(admin))
      .send({ divisionCode: '330681', value: 3 })
      .expect(200);
    const today = '2026-03-12'; // the clock stands at Shanghai 2026-03-12 00:00:05
    const issue = (
      await http
        .post('/rectification-issues')
        .set(bearer(admin))
        .send({ divisionCode: '330681001', summary: '台账缺失', severity: 'B', dueDate: today, responsibleHead: '诸暨市民政局局长' })
        .expect(201)
    ).body;
    await evidence(issue.issueId, admin).expect(200);
    const reopened = (
      await http
        .post(`/rectification-issues/${issue.issueId}/revisits`)
        .set(bearer(admin))
        .send({ accepted: false, reason: '台账仍不全' })
        .expect(200)
    ).body;
    expect(reopened).toMatchObject({
      status: 'reopened',
      dueDate: '2026-03-15',
      notice: { to: '诸暨市民政局局长', dueDate: '2026-03-15' },
    });
  });
});
