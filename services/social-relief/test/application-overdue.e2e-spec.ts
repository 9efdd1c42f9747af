import { INestApplication } from '@nestjs/common';
import { ApplicationAcceptedV1, ApplicationOverdueV1, ApplicationTopic } from '@civil/contracts';
import { SettableClock } from '@civil/kernel';
import { OutboxRelay, TopicNames } from '@civil/messaging';
import { bearer, isolatedRun, TopicRecorder, waitFor } from '@civil/testing';
import request from 'supertest';
import { ApplicationOverdueSweep } from '../src/applications/application/overdue-sweep.service';
import { admin, countyOfficer, idNumber, startSocialRelief, townshipOfficer } from './support';

const reviewer = { sub: 'cadre-330521101-b', roles: ['township-officer' as const], jurisdiction: '330521101' };
const people = Array.from({ length: 4 }, (_, i) => ({ name: `陈${'甲乙丙丁'[i]}`, idNumber: idNumber('1966-06-06', 200 + i) }));

describe('overdue steps (应救未救): one ApplicationOverdue per application and step, across replicas, repeats and restarts', () => {
  const run = isolatedRun('sr-app-overdue');
  const clock = new SettableClock('2026-03-02T01:00:00Z'); // 09:00 Beijing; accept limit 3 days → due 6 March 00:00 Beijing
  const topic = new TopicNames(run.topicPrefix).physical(ApplicationTopic.name);
  let a: INestApplication;
  let b: INestApplication;
  let recorder: TopicRecorder;
  const ids: string[] = [];
  const overdue = () => recorder.of(topic, ApplicationOverdueV1.type);

  beforeAll(async () => {
    a = await startSocialRelief(run, clock);
    b = await startSocialRelief(run, clock);
    recorder = await new TopicRecorder([topic]).start();
    for (const applicant of people) {
      const res = await request(a.getHttpServer())
        .post('/applications')
        .set(bearer(townshipOfficer))
        .send({ kind: 'extreme-poverty', divisionCode: '330521101', applicant })
        .expect(201);
      ids.push(res.body.applicationId);
    }
    // the 4th is taken up in time: it is not overdue on acceptance
    await request(b.getHttpServer()).post(`/applications/${ids[3]}/acceptance`).set(bearer(reviewer)).expect(201);
  });

  afterAll(async () => {
    await recorder?.stop();
    await a?.close();
    await b?.close();
  });

  it('reports nothing a moment before the step’s limit', async () => {
    clock.set('2026-03-05T15:59:59.999Z');
    expect(await a.get(ApplicationOverdueSweep).sweep()).toMatchObject({ found: 0, recorded: 0 });
    const listed = await request(a.getHttpServer()).get('/applications?overdue=true').set(bearer(countyOfficer)).expect(200);
    expect(listed.body).toEqual([]);
  });

  it('reports each overdue application once, however many sweeps run at once on two replicas', async () => {
    clock.set('2026-03-05T16:00:00Z'); // 6 March 00:00 Beijing
    const results = await Promise.all([
      a.get(ApplicationOverdueSweep).sweep(),
      b.get(ApplicationOverdueSweep).sweep(),
      a.get(ApplicationOverdueSweep).sweep(),
      request(b.getHttpServer())
        .post('/applications/overdue-sweeps')
        .set(bearer(admin))
        .expect(200)
        .then((r) => r.body),
    ]);
    expect(results.reduce((n, r) => n + r.recorded, 0)).toBe(3);

    await recorder.waitForCount(topic, 3, ApplicationOverdueV1.type);
    await Promise.all([a.get(OutboxRelay).flush(), b.get(OutboxRelay).flush()]);
    // a later event on the same topic: anything published twice would be there before it
    clock.set('2026-03-05T17:00:00Z');
    await request(a.getHttpServer()).post(`/applications/${ids[0]}/acceptance`).set(bearer(reviewer)).expect(201);
    await waitFor('the marker acceptance', () => recorder.of(topic, ApplicationAcceptedV1.type).find((m) => m.key === ids[0]));

    const events = overdue();
    expect(events.map((m) => m.key).sort()).toEqual(ids.slice(0, 3).sort());
    expect(new Set(events.map((m) => m.headers.ce_id)).size).toBe(3);
    const first = events.find((m) => m.key === ids[1])!;
    expect(first.headers).toMatchObject({ ce_type: ApplicationOverdueV1.type, ce_subject: ids[1], ce_region: '330521101' });
    expect(first.json).toEqual({
      applicationId: ids[1],
      kind: 'extreme-poverty',
      divisionCode: '330521101',
      householdRef: null,
      applicantRef: expect.stringMatching(/^p-/),
      priorRelief: false,
      caseByCase: false,
      simplifiedReview: false,
      step: 'accept',
      status: 'submitted',
      dueAt: '2026-03-05T16:00:00.000Z',
      detectedAt: '2026-03-05T16:00:00.000Z',
    });
    for (const m of events) for (const p of people) expect(`${m.value}${JSON.stringify(m.headers)}`).not.toContain(p.idNumber);
  });

  it('lists what is past its limit, with the overdue step labelled', async () => {
    const listed = await request(a.getHttpServer()).get('/applications?overdue=true').set(bearer(townshipOfficer)).expect(200);
    expect(listed.body.map((x: { applicationId: string }) => x.applicationId).sort()).toEqual([ids[1], ids[2]].sort());
    expect(listed.body[0]).toMatchObject({ overdue: true, overdueSteps: ['accept'], overdueStepLabels: ['受理'], flags: ['overdue'] });
    const onTime = await request(a.getHttpServer()).get('/applications?overdue=false').set(bearer(townshipOfficer)).expect(200);
    expect(onTime.body.map((x: { applicationId: string }) => x.applicationId).sort()).toEqual([ids[0], ids[3]].sort());
  });

  it('reports nothing more on repeated sweeps or after a replica restarts', async () => {
    clock.set('2026-03-06T03:00:00Z');
    expect(await b.get(ApplicationOverdueSweep).sweep()).toMatchObject({ recorded: 0 });
    await a.close();
    a = await startSocialRelief(run, clock);
    expect(await a.get(ApplicationOverdueSweep).sweep()).toMatchObject({ recorded: 0 });
    await Promise.all([a.get(OutboxRelay).flush(), b.get(OutboxRelay).flush()]);
    expect(overdue()).toHaveLength(3);
  });

  it('reports the next step once when it too runs late — found by the timer (SWEEP_INTERVAL_MS)', async () => {
    await a.close();
    a = await startSocialRelief(run, clock, { SWEEP_INTERVAL_MS: '100' });
    // ids[3] was accepted on 2 March: review within 10 days → due 13 March 00:00 Beijing;
    // ids[0] was accepted on 6 March 01:00 Beijing: review within 10 days → due 17 March 00:00 Beijing
    const recordedByTimer = (id: string, step: string) =>
      waitFor(`the timer to record the late ${step} of ${id}`, async () => {
        const res = await request(a.getHttpServer()).get(`/applications/${id}`).set(bearer(countyOfficer));
        return (res.body.overdueSteps as string[]).includes(step) || undefined;
      });
    clock.set('2026-03-12T16:00:00Z');
    await recordedByTimer(ids[3], 'review');
    await a.get(OutboxRelay).flush();
    const first = await waitFor('the late review of ids[3] on the wire', () => overdue().find((m) => m.key === ids[3]), 30_000);
    expect(first.json).toMatchObject({ step: 'review', status: 'accepted', dueAt: '2026-03-12T16:00:00.000Z' });
    clock.set('2026-03-16T16:00:00Z');
    await recordedByTimer(ids[0], 'review');
    await a.get(OutboxRelay).flush();
    const late = await waitFor(
      'the late review of ids[0] on the wire',
      () => overdue().find((m) => m.key === ids[0] && m.json.step === 'review'),
      30_000,
    );
    expect(late.json).toMatchObject({ step: 'review', status: 'accepted', dueAt: '2026-03-16T16:00:00.000Z' });
    await a.close();
    a = await startSocialRelief(run, clock);
    expect(await a.get(ApplicationOverdueSweep).sweep()).toMatchObject({ recorded: 0 });
    await a.get(OutboxRelay).flush();
    await request(a.getHttpServer())
      .post(`/applications/${ids[3]}/review`)
      .set(bearer(reviewer))
      .send({ outcome: 'eligible', homeVisit: true, incomeVerified: true })
      .expect(201);
    await waitFor('the marker review', () =>
      recorder.of(topic).find((m) => m.key === ids[3] && m.headers.ce_type === 'cn.gov.civilaffairs.social-relief.application-reviewed.v1'),
    );
    const all = overdue();
    expect(all.filter((m) => m.key === ids[0]).map((m) => m.json.step)).toEqual(['accept', 'review']);
    expect(all.filter((m) => m.key === ids[3]).map((m) => m.json.step)).toEqual(['review']);
    expect(all).toHaveLength(5);
  });
});
