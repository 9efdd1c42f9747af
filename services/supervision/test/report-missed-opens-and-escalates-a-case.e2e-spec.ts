import { INestApplication } from '@nestjs/common';
import { CaseEscalatedV1, CaseOpenedV1, CaseResolvedV1, CaseTopic, DailyReportTopic } from '@civil/contracts';
import { SettableClock } from '@civil/kernel';
import { DLT_HEADERS, OutboxRelay } from '@civil/messaging';
import { bearer, isolatedRun, TopicRecorder, waitFor } from '@civil/testing';
import request from 'supertest';
import { EscalateDueCasesService } from '../src/cases/application/escalate-due-cases.service';
import { startSupervision, upstream } from './support';

const officer = (jurisdiction: string, role: 'township-officer' | 'county-officer' | 'province-officer' | 'admin' = 'county-officer') => ({
  sub: `o-${jurisdiction}`,
  roles: [role],
  jurisdiction,
});

describe('supervision: ReportMissed opens a case, the ladder escalates it, a late report resolves it', () => {
  const run = isolatedRun('sv-cases');
  const clock = new SettableClock('2026-03-02T02:01:00Z');
  const up = upstream(run);
  const caseTopic = up.names.physical(CaseTopic.name);
  const dlt = up.names.deadLetter(DailyReportTopic.name);
  let app: INestApplication;
  let recorder: TopicRecorder;
  let http: ReturnType<typeof request>;

  const casesOf = async (unitId: string, who = officer('33', 'province-officer')) =>
    (await http.get('/cases').query({ caseType: 'report-missed' }).set(bearer(who)).expect(200)).body.filter(
      (c: { subjectId: string }) => c.subjectId === unitId,
    );

  beforeAll(async () => {
    app = await startSupervision(run, clock);
    http = request(app.getHttpServer());
    recorder = await new TopicRecorder([caseTopic, dlt]).start();
    await http
      .put('/escalation-ladders/report-missed')
      .set(bearer(officer('33', 'province-officer')))
      // the province's own ladder, for everything in it (every region's default is the national level's)
      .send({
        divisionCode: '33',
        rungs: [
          { level: 'township', minutesToResolve: 60 },
          { level: 'county', minutesToResolve: 120 },
          { level: 'city', minutesToResolve: 240 },
          { level: 'province' },
        ],
      })
      .expect(200);
  });

  afterAll(async () => {
    await recorder.stop();
    await up.publisher.disconnect();
    await app.close();
  });

  it('opens one case for a ReportMissed delivered twice, counting it once', async () => {
    const missed = up.missedRecord('u-a', '2026-03-02');
    await up.publisher.publish([missed]);
    await up.publisher.publish([missed]);
    const [opened] = await recorder.waitForCount(caseTopic, 1, CaseOpenedV1.type);
    expect(opened.json).toMatchObject({
      caseType: 'report-missed',
      subjectId: 'u-a',
      level: 'township',
      triggeringEventId: missed.headers.ce_id,
    });
    expect(opened.headers.ce_causationid).toBe(missed.headers.ce_id);
    // a later event for the same unit proves both deliveries were processed before it
    await up.publisher.publish([up.missedRecord('u-a', '2026-03-03')]);
    const [c] = await waitFor('the second day counted', async () => {
      const found = await casesOf('u-a');
      return found[0]?.occurrences === 2 ? found : undefined;
    });
    expect(c).toMatchObject({ status: 'open', occurrences: 2, outstanding: ['2026-03-02', '2026-03-03'] });
    expect(await casesOf('u-a')).toHaveLength(1);
    await app.get(OutboxRelay).flush();
    await recorder.caughtUp(); // a second CaseOpened, had one been published, is recorded by now
    expect(recorder.of(caseTopic, CaseOpenedV1.type)).toHaveLength(1);
  });

  it('dead-letters a poison message with its reason and keeps consuming behind it', async () => {
    const valid = up.missedRecord('u-poison', '2026-03-02');
    await up.publisher.sendRaw(up.names.physical(DailyReportTopic.name), [
      { key: 'u-poison', value: '{"unitId":', headers: { ...valid.headers, ce_id: 'poison-1' } },
    ]);
    await up.publisher.publish([valid]);
    const [letter] = await recorder.waitForCount(dlt, 1);
    expect(letter.headers[DLT_HEADERS.reason]).toBe('malformed');
    expect(letter.headers[DLT_HEADERS.error]).toContain('value is not JSON');
    expect(letter.headers[DLT_HEADERS.consumerGroup]).toBe(`${run.topicPrefix}supervision`);
    await waitFor('the case behind the poison message', async () => ((await casesOf('u-poison')).length === 1 ? true : undefined));
  });

  it('climbs township → county → city → province on the configured intervals, one CaseEscalated per rung', async () => {
    await up.publisher.publish([up.missedRecord('u-ladder', '2026-03-02')]);
    const [opened] = await waitFor('the case of u-ladder', async () => {
      const found = await casesOf('u-ladder');
      return found.length ? found : undefined;
    });
    const escalate = () => app.get(EscalateDueCasesService).run();
    const escalationsOf = () => recorder.of(caseTopic, CaseEscalatedV1.type).filter((m) => m.json.subjectId === 'u-ladder');
    const openedAt = new Date(opened.openedAt).getTime();

    clock.set(new Date(openedAt + 59 * 60_000));
    await escalate();
    await app.get(OutboxRelay).flush();
    await recorder.caughtUp();
    expect(escalationsOf()).toHaveLength(0);

    clock.set(new Date(openedAt + 60 * 60_000));
    await escalate();
    await waitFor('county escalation on Kafka', () => escalationsOf().length === 1);
    expect(escalationsOf()[0].json).toMatchObject({ fromLevel: 'township', toLevel: 'county', occurrences: 1 });
    expect(escalationsOf()[0].json.reason).toContain('not resolved at township level within 60 minutes');

    clock.set(new Date(openedAt + 10_000 * 60_000)); // far past every rung: one rung per pass
    await escalate();
    await waitFor('all escalations on Kafka', () => escalationsOf().length === 3);
    expect(escalationsOf().map((m) => m.json.toLevel)).toEqual(['county', 'city', 'province']);
    expect(escalationsOf()[2].json.nextEscalationAt).toBeNull();
    const [atTop] = await casesOf('u-ladder');
    expect(atTop).toMatchObject({ level: 'province', nextEscalationAt: null });

    await escalate();
    await app.get(OutboxRelay).flush();
    await recorder.caughtUp();
    expect(escalationsOf()).toHaveLength(3);
  });

  it('resolves the case when the late report for its last outstanding day arrives, linking that event', async () => {
    const day2 = up.reportRecord('u-a', '2026-03-02', true);
    const day3 = up.reportRecord('u-a', '2026-03-03', true);
    await up.publisher.publish([day2]);
    await waitFor('day 2 cleared', async () => ((await casesOf('u-a'))[0]?.outstanding.length === 1 ? true : undefined));
    await up.publisher.publish([day3, day3]);
    const resolved = await waitFor('CaseResolved for u-a', () =>
      recorder.of(caseTopic, CaseResolvedV1.type).find((m) => m.json.subjectId === 'u-a'),
    );
    expect(resolved.json).toMatchObject({ resolution: 'late-report-received', resolvingEventId: day3.headers.ce_id });
    const [c] = await casesOf('u-a');
    expect(c).toMatchObject({ status: 'resolved', resolvingEventId: day3.headers.ce_id, nextEscalationAt: null });
    // a resolved case never escalates again
    const escalatedBefore = recorder.of(caseTopic, CaseEscalatedV1.type).filter((m) => m.json.subjectId === 'u-a').length;
    clock.set(new Date(clock.now().getTime() + 100 * 24 * 3_600_000));
    await app.get(EscalateDueCasesService).run();
    await app.get(OutboxRelay).flush();
    await recorder.caughtUp();
    expect(recorder.of(caseTopic, CaseEscalatedV1.type).filter((m) => m.json.subjectId === 'u-a')).toHaveLength(escalatedBefore);
    expect(recorder.of(caseTopic, CaseResolvedV1.type).filter((m) => m.json.subjectId === 'u-a')).toHaveLength(1);
  });

  it('scopes case reads to the caller’s jurisdiction and unit', async () => {
    await up.publisher.publish([up.missedRecord('u-far', '2026-03-02', '330681101')]);
    await waitFor('the case of u-far', async () => ((await casesOf('u-far')).length === 1 ? true : undefined));
    const deqing = (
      await http
        .get('/cases')
        .set(bearer(officer('330521')))
        .expect(200)
    ).body.map((c: { subjectId: string }) => c.subjectId);
    expect(deqing).toContain('u-a');
    expect(deqing).not.toContain('u-far');
    const [far] = await casesOf('u-far');
    const denied = await http
      .get(`/cases/${far.caseId}`)
      .set(bearer(officer('330521')))
      .expect(404);
    expect(denied.body).toEqual({
      statusCode: 404,
      error: 'CaseNotFound',
      message: `no case ${far.caseId}`,
      details: { caseId: far.caseId },
    });
    await http
      .get(`/cases/${far.caseId}`)
      .set(bearer(officer('3306')))
      .expect(200);
    const staff = { sub: 's', roles: ['unit-staff' as const], jurisdiction: '330521101', unitId: 'u-a' };
    const own = (await http.get('/cases').set(bearer(staff)).expect(200)).body.map((c: { subjectId: string }) => c.subjectId);
    expect(new Set(own)).toEqual(new Set(['u-a']));
    await http.get('/cases').expect(401);
    await http
      .get('/cases')
      .query({ status: 'closed' })
      .set(bearer(officer('33', 'admin')))
      .expect(400);
  });
});
