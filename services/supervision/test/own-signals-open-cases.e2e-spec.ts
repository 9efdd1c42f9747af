import { INestApplication } from '@nestjs/common';
import {
  CaseEscalatedV1,
  CaseOpenedV1,
  CaseResolvedV1,
  CaseTopic,
  RectificationIssueOverdueV1,
  RectificationIssueSignedOffV1,
  RectificationIssueTopic,
} from '@civil/contracts';
import { SettableClock } from '@civil/kernel';
import { TopicNames } from '@civil/messaging';
import { bearer, isolatedRun, TopicRecorder } from '@civil/testing';
import request from 'supertest';
import { startSupervision } from './support';

const inspector = { sub: 'insp-3305', roles: ['inspector' as const], jurisdiction: '3305' };
const county = { sub: 'o-330521', roles: ['county-officer' as const], jurisdiction: '330521' };
const admin = { sub: 'admin', roles: ['admin' as const], jurisdiction: '33' };

describe('supervision reads its own signals back: a rectification past its due date climbs a ladder until signed off', () => {
  const run = isolatedRun('sv-own-signals');
  const clock = new SettableClock('2026-03-02T02:00:00Z');
  const names = new TopicNames(run.topicPrefix);
  const caseTopic = names.physical(CaseTopic.name);
  const issueTopic = names.physical(RectificationIssueTopic.name);
  let app: INestApplication;
  let recorder: TopicRecorder;
  let http: ReturnType<typeof request>;

  beforeAll(async () => {
    app = await startSupervision(run, clock);
    http = request(app.getHttpServer());
    recorder = await new TopicRecorder([caseTopic, issueTopic]).start();
  });

  afterAll(async () => {
    await recorder?.stop();
    await app?.close();
  });

  it('RectificationIssueOverdue opens a rectification-overdue case at county; the ladder climbs; sign-off (销号) resolves it with the event linked', async () => {
    const issue = (
      await http
        .post('/rectification-issues')
        .set(bearer(inspector))
        .send({
          unitId: 'u-own-1',
          divisionCode: '330521101',
          summary: '隔离观察室未按要求设置',
          severity: 'H',
          dueDate: '2026-03-05',
          responsibleHead: '德清县民政局局长',
        })
        .expect(201)
    ).body;
    clock.set('2026-03-05T16:00:01Z'); // the due day (Beijing) is over
    await http.post('/rectification-issues/overdue-sweep').set(bearer(admin)).expect(200);
    const [overdue] = await recorder.waitForCount(issueTopic, 1, RectificationIssueOverdueV1.type);
    const [opened] = await recorder.waitForCount(caseTopic, 1, CaseOpenedV1.type);
    expect(opened.json).toMatchObject({
      caseType: 'rectification-overdue',
      subjectId: issue.issueId,
      unitId: 'u-own-1',
      level: 'county',
      triggeringEventId: overdue.headers.ce_id,
    });

    clock.set('2026-03-08T16:00:02Z'); // county's 72 hours are up
    await http.post('/cases/escalations').set(bearer(admin)).expect(201);
    const [escalated] = await recorder.waitForCount(caseTopic, 1, CaseEscalatedV1.type);
    expect(escalated.json).toMatchObject({ caseId: opened.json.caseId, fromLevel: 'county', toLevel: 'city' });

    await http
      .post(`/rectification-issues/${issue.issueId}/evidence`)
      .set(bearer(county))
      .send({ description: '已按标准设置隔离观察室' })
      .expect(200);
    await http.post(`/rectification-issues/${issue.issueId}/revisits`).set(bearer(inspector)).send({ accepted: true }).expect(200);
    await http.post(`/rectification-issues/${issue.issueId}/sign-off`).set(bearer(inspector)).expect(200);
    const [signedOff] = await recorder.waitForCount(issueTopic, 1, RectificationIssueSignedOffV1.type);
    const [resolved] = await recorder.waitForCount(caseTopic, 1, CaseResolvedV1.type);
    expect(resolved.json).toMatchObject({
      caseId: opened.json.caseId,
      resolution: 'signed-off',
      resolvingEventId: signedOff.headers.ce_id,
    });
  });
});
