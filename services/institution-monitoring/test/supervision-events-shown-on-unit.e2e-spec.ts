import { INestApplication } from '@nestjs/common';
import {
  CaseEscalated,
  CaseEscalatedV1,
  RectificationIssueOpenedV1,
  RectificationIssueReopenedV1,
  RectificationIssueSignedOffV1,
} from '@civil/contracts';
import { SettableClock } from '@civil/kernel';
import { createEvent, createKafka, KafkaEventPublisher, TopicNames, toKafkaRecord } from '@civil/messaging';
import { bearer, isolatedRun, kafkaBrokers, waitFor } from '@civil/testing';
import request from 'supertest';
import { countyOfficer, startInstitutionMonitoring, unit } from './support';

describe('supervision’s events shown on the unit, each applied once on redelivery', () => {
  const run = isolatedRun('im-supervision-feed');
  const clock = new SettableClock('2026-03-02T01:00:00Z');
  const names = new TopicNames(run.topicPrefix);
  const publisher = new KafkaEventPublisher(createKafka({ brokers: kafkaBrokers(), clientId: 'test-supervision' }), names);
  let app: INestApplication;
  const view = async (unitId: string) =>
    (await request(app.getHttpServer()).get(`/institutions/${unitId}`).set(bearer(countyOfficer)).expect(200)).body.supervision;
  const ref = { unitId: 'u-feed-1', divisionCode: '330521101' };
  const at = new Date('2026-03-03T06:00:00Z');

  const opened = createEvent(
    RectificationIssueOpenedV1,
    { issueId: 'iss-1', ...ref, summary: '访客登记不全', dueDate: '2026-03-10', openedAt: at.toISOString() },
    { time: at },
  );
  const opened2 = createEvent(
    RectificationIssueOpenedV1,
    { issueId: 'iss-2', ...ref, summary: '消毒记录缺失', dueDate: '2026-03-10', openedAt: at.toISOString() },
    { time: at },
  );
  const signedOff = createEvent(RectificationIssueSignedOffV1, { issueId: 'iss-1', ...ref, signedOffAt: at.toISOString() }, { time: at });
  const signedOff2 = createEvent(RectificationIssueSignedOffV1, { issueId: 'iss-2', ...ref, signedOffAt: at.toISOString() }, { time: at });
  const reopened = createEvent(
    RectificationIssueReopenedV1,
    { issueId: 'iss-1', ...ref, reason: '复查未通过', dueDate: '2026-03-14', reopenedAt: at.toISOString() },
    { time: at },
  );
  const escalation: CaseEscalated = {
    caseId: 'case-1',
    caseType: 'report-missed',
    subjectId: 'u-feed-1',
    divisionCode: '330521101',
    fromLevel: 'township',
    toLevel: 'county',
    reason: '未在时限内处置',
    escalatedAt: at.toISOString(),
    occurrences: 1,
    nextEscalationAt: null,
  };
  const escalated = createEvent(CaseEscalatedV1, escalation, { time: at });
  const rec = (e: ReturnType<typeof createEvent<any>>, contract: { topic: string; keyOf(p: any): string }) =>
    toKafkaRecord(e, contract.topic, contract.keyOf(e.data));

  beforeAll(async () => {
    app = await startInstitutionMonitoring(run, clock);
    await request(app.getHttpServer()).post('/institutions').set(bearer(countyOfficer)).send(unit('u-feed-1')).expect(201);
    await request(app.getHttpServer()).post('/institutions').set(bearer(countyOfficer)).send(unit('u-feed-2')).expect(201);
  });

  afterAll(async () => {
    await publisher.disconnect();
    await app?.close();
  });

  it('shows the unit under rectification while an issue is open, and not after its sign-off (销号)', async () => {
    await publisher.publish([
      rec(opened, RectificationIssueOpenedV1),
      rec(opened, RectificationIssueOpenedV1),
      rec(opened2, RectificationIssueOpenedV1),
    ]);
    await waitFor('two open issues on the unit', async () => ((await view('u-feed-1')).openIssueIds.length === 2 ? true : undefined));
    await publisher.publish([rec(signedOff, RectificationIssueSignedOffV1), rec(signedOff, RectificationIssueSignedOffV1)]);
    const afterOne = await waitFor('iss-1 signed off', async () => {
      const v = await view('u-feed-1');
      return v.openIssueIds.length === 1 ? v : undefined;
    });
    expect(afterOne).toMatchObject({ openIssueIds: ['iss-2'], underRectification: true });
  });

  it('does not apply a redelivered event twice: an old "opened" replayed after sign-off changes nothing', async () => {
    await publisher.publish([rec(signedOff2, RectificationIssueSignedOffV1)]);
    await waitFor('iss-2 signed off', async () => ((await view('u-feed-1')).openIssueIds.length === 0 ? true : undefined));
    // the replay, then a marker on the same key (same partition, same lane: handled after the replay)
    const marker = createEvent(
      RectificationIssueOpenedV1,
      {
        issueId: 'iss-marker',
        unitId: 'u-feed-2',
        divisionCode: '330521101',
        summary: 'marker',
        dueDate: '2026-03-10',
        openedAt: at.toISOString(),
      },
      { time: at },
    );
    await publisher.publish([rec(opened, RectificationIssueOpenedV1), toKafkaRecord(marker, RectificationIssueOpenedV1.topic, 'iss-1')]);
    await waitFor('the marker on the other unit', async () => ((await view('u-feed-2')).openIssueIds.length === 1 ? true : undefined));
    expect(await view('u-feed-1')).toMatchObject({ openIssueIds: [], underRectification: false });
  });

  it('a reopened issue puts the unit back under rectification', async () => {
    await publisher.publish([rec(reopened, RectificationIssueReopenedV1)]);
    await waitFor('iss-1 reopened', async () => ((await view('u-feed-1')).underRectification ? true : undefined));
  });

  it('shows a case escalated about the unit, once however often it is delivered', async () => {
    await publisher.publish([rec(escalated, CaseEscalatedV1), rec(escalated, CaseEscalatedV1)]);
    const v = await waitFor('the escalation on the unit', async () => {
      const got = await view('u-feed-1');
      return got.escalations.length ? got : undefined;
    });
    expect(v.escalations).toEqual([
      { caseId: 'case-1', caseType: 'report-missed', toLevel: 'county', reason: '未在时限内处置', escalatedAt: at.toISOString() },
    ]);
  });
});
