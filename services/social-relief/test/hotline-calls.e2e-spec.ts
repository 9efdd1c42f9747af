import { INestApplication } from '@nestjs/common';
import {
  ApplicationSubmittedV1,
  ApplicationTopic,
  HotlineCallOverdueClearedV1,
  HotlineCallOverdueV1,
  HotlineTopic,
} from '@civil/contracts';
import { SettableClock } from '@civil/kernel';
import { OutboxRelay, TopicNames } from '@civil/messaging';
import { bearer, isolatedRun, TopicRecorder, waitFor } from '@civil/testing';
import request from 'supertest';
import { OverdueCallSweep } from '../src/hotlines/application/overdue-call-sweep.service';
import { admin, countyOfficer, idNumber, otherTownshipOfficer, startSocialRelief, townshipOfficer } from './support';

const otherCounty = { sub: 'officer-330522', roles: ['county-officer' as const], jurisdiction: '330522' };
const caller = { name: '王秀英', phone: '13812345678' };
const elder = { name: '陈阿婆', idNumber: idNumber('1941-05-12', 22) };
const applicant = { name: '李建民', idNumber: idNumber('1970-02-03', 41) };

describe('hotline calls: recorded, routed to a visit, an application or an agency, answered; overdue once; figures', () => {
  const run = isolatedRun('sr-hotline');
  const clock = new SettableClock('2026-03-02T02:00:00Z'); // 10:00 Beijing
  const names = new TopicNames(run.topicPrefix);
  const hotlineTopic = names.physical(HotlineTopic.name);
  const applicationTopic = names.physical(ApplicationTopic.name);
  let a: INestApplication;
  let b: INestApplication;
  let recorder: TopicRecorder;
  const http = () => request(a.getHttpServer());
  const record = (body: Record<string, unknown>, who = countyOfficer) =>
    http()
      .post('/hotlines/calls')
      .set(bearer(who))
      .send({
        line: 'social-relief',
        lineDivisionCode: '330521',
        callerDivisionCode: '330521101',
        category: 'basic-living',
        urgency: 'urgent',
        ...body,
      });

  beforeAll(async () => {
    a = await startSocialRelief(run, clock);
    b = await startSocialRelief(run, clock);
    recorder = await new TopicRecorder([hotlineTopic, applicationTopic]).start();
  });

  afterAll(async () => {
    await recorder?.stop();
    await a?.close();
    await b?.close();
  });

  it('records a call due within the line’s level, the caller masked; 400 names the field; another county sees 404', async () => {
    const got = await record({ summary: '独居老人家中断粮', caller }).expect(201);
    expect(got.body).toMatchObject({
      line: 'social-relief',
      lineLabel: '社会救助服务热线',
      urgencyLabel: '紧急',
      categoryLabel: '基本生活困难',
      status: 'received',
      statusLabel: '已受理',
      serviceLevelMinutes: 120,
      receivedAt: '2026-03-02T02:00:00.000Z',
      dueAt: '2026-03-02T04:00:00.000Z',
      caller: { name: '王**', phone: '138****5678' },
      overdue: false,
    });
    expect(JSON.stringify(got.body)).not.toContain(caller.name);
    expect(JSON.stringify(got.body)).not.toContain(caller.phone);
    const callId = got.body.callId as string;
    await http().get(`/hotlines/calls/${callId}`).set(bearer(otherCounty)).expect(404);
    await http().get(`/hotlines/calls/${callId}`).set(bearer(countyOfficer)).expect(200);
    await http().post(`/hotlines/calls/${callId}/answer`).set(bearer(otherCounty)).send({ reply: '已答复' }).expect(404);
    const direct = await http()
      .post(`/hotlines/calls/${callId}/answer`)
      .set(bearer(countyOfficer))
      .send({ reply: '已告知临时救助申请方式' })
      .expect(200);
    expect(direct.body).toMatchObject({ status: 'answered', statusLabel: '已回应', route: null });

    const bad = await record({ urgency: 'soon' }).expect(400);
    expect(JSON.stringify(bad.body)).toContain('urgency');
    const outside = await record({ callerDivisionCode: '330522101' }).expect(400);
    expect(outside.body).toMatchObject({ error: 'CallerOutsideLine' });
    await record({}, otherCounty).expect(403);
  });

  it('takes the psychological crisis level (30 min) and a region’s own level from its settings', async () => {
    const crisis = await record({ line: 'psychological-aid', category: 'psychological', urgency: 'crisis' }).expect(201);
    expect(crisis.body).toMatchObject({ serviceLevelMinutes: 30, dueAt: '2026-03-02T02:30:00.000Z' });
    await http()
      .put('/regional-settings/hotline-answer-minutes-elderly-care-12349-normal')
      .set(bearer(countyOfficer))
      .send({ divisionCode: '330521', value: 480 })
      .expect(200);
    const normal = await record({ line: 'elderly-care-12349', category: 'elderly-care', urgency: 'normal' }).expect(201);
    expect(normal.body).toMatchObject({ serviceLevelMinutes: 480 });
    await http()
      .post(`/hotlines/calls/${crisis.body.callId}/answer`)
      .set(bearer(countyOfficer))
      .send({ reply: '已疏导，情绪平稳' })
      .expect(200);
    await http().post(`/hotlines/calls/${normal.body.callId}/closure`).set(bearer(countyOfficer)).send({ reason: 'duplicate' }).expect(200);
  });

  it('routes to a key-person visit through the list’s entry (another township’s entry is 404), then answers', async () => {
    const added = await http()
      .post('/key-person-lists/330521101/entries')
      .set(bearer(townshipOfficer))
      .send({ ...elder, categories: ['empty-nest-elderly'] })
      .expect(201);
    const entryId = added.body.entry.entryId as string;
    const call = (await record({ category: 'elderly-care' }).expect(201)).body.callId as string;
    await http()
      .post(`/hotlines/calls/${call}/routing`)
      .set(bearer(countyOfficer))
      .send({ target: 'key-person-visit', townshipCode: '330521102', entryId })
      .expect(404);
    const missing = await http()
      .post(`/hotlines/calls/${call}/routing`)
      .set(bearer(countyOfficer))
      .send({ target: 'key-person-visit' })
      .expect(400);
    expect(JSON.stringify(missing.body)).toContain('townshipCode');
    const routed = await http()
      .post(`/hotlines/calls/${call}/routing`)
      .set(bearer(countyOfficer))
      .send({ target: 'key-person-visit', townshipCode: '330521101', entryId })
      .expect(200);
    expect(routed.body).toMatchObject({ status: 'routed', route: { target: 'key-person-visit', entryId, targetLabel: '转重点人群探访' } });
    const again = await http()
      .post(`/hotlines/calls/${call}/routing`)
      .set(bearer(countyOfficer))
      .send({ target: 'referral', agency: '县医保局', note: '报销' })
      .expect(409);
    expect(again.body).toMatchObject({ error: 'CallRoutedAlready' });
    const answered = await http()
      .post(`/hotlines/calls/${call}/answer`)
      .set(bearer(countyOfficer))
      .send({ reply: '已安排村干部上门探访' })
      .expect(200);
    expect(answered.body).toMatchObject({ status: 'answered', answeredAt: '2026-03-02T02:00:00.000Z', reply: '已安排村干部上门探访' });
    await http().post(`/hotlines/calls/${call}/answer`).set(bearer(countyOfficer)).send({ reply: 'again' }).expect(409);
    // a township officer cannot reach the county's line
    await http().get(`/hotlines/calls/${call}`).set(bearer(otherTownshipOfficer)).expect(404);
  });

  it('routes to a relief application it starts, and to a referral; both answered later', async () => {
    const toApplication = (await record({}).expect(201)).body.callId as string;
    const routed = await http()
      .post(`/hotlines/calls/${toApplication}/routing`)
      .set(bearer(countyOfficer))
      .send({ target: 'relief-application', application: { kind: 'temporary-relief', divisionCode: '330521101', applicant } })
      .expect(200);
    const applicationId = routed.body.route.applicationId as string;
    expect(routed.body.route).toMatchObject({ target: 'relief-application', targetLabel: '转救助申请' });
    const submitted = await waitFor('the application started', () =>
      recorder.of(applicationTopic, ApplicationSubmittedV1.type).find((m) => m.key === applicationId),
    );
    expect(submitted.json).toMatchObject({ applicationId, kind: 'temporary-relief', divisionCode: '330521101' });
    await http().get(`/applications/${applicationId}`).set(bearer(countyOfficer)).expect(200);

    const toAgency = (await record({ category: 'medical' }).expect(201)).body.callId as string;
    const referred = await http()
      .post(`/hotlines/calls/${toAgency}/routing`)
      .set(bearer(countyOfficer))
      .send({ target: 'referral', agency: '县医保局', note: '大病医疗费用报销' })
      .expect(200);
    expect(referred.body.route).toMatchObject({ target: 'referral', agency: '县医保局' });

    clock.set('2026-03-02T03:00:00Z');
    for (const id of [toApplication, toAgency])
      await http().post(`/hotlines/calls/${id}/answer`).set(bearer(countyOfficer)).send({ reply: '已告知办理进度' }).expect(200);
  });

  it('signals an unanswered call overdue once across sweeps and replicas, and its late answer clears it', async () => {
    clock.set('2026-03-02T03:00:00Z');
    const late = (await record({ caller, summary: '王秀英家中断粮' }).expect(201)).body.callId as string;
    clock.set('2026-03-02T05:00:00Z'); // its due instant: not overdue yet
    expect(await a.get(OverdueCallSweep).sweep()).toMatchObject({ recorded: 0 });
    clock.set('2026-03-02T05:00:01Z');
    const results = await Promise.all([a.get(OverdueCallSweep).sweep(), b.get(OverdueCallSweep).sweep(), a.get(OverdueCallSweep).sweep()]);
    expect(results.reduce((n, r) => n + r.recorded, 0)).toBe(1);
    expect((await http().post('/hotlines/overdue-sweeps').set(bearer(admin)).expect(200)).body).toMatchObject({ found: 0, recorded: 0 });

    const [overdue] = await recorder.waitForCount(hotlineTopic, 1, HotlineCallOverdueV1.type);
    expect(overdue.key).toBe(late);
    expect(overdue.json).toEqual({
      callRef: late,
      line: 'social-relief',
      lineDivisionCode: '330521',
      callerDivisionCode: '330521101',
      category: 'basic-living',
      urgency: 'urgent',
      receivedAt: '2026-03-02T03:00:00.000Z',
      serviceLevelMinutes: 120,
      dueAt: '2026-03-02T05:00:00.000Z',
      detectedAt: '2026-03-02T05:00:01.000Z',
    });
    expect((await http().get(`/hotlines/calls/${late}`).set(bearer(countyOfficer)).expect(200)).body).toMatchObject({ overdue: true });

    clock.set('2026-03-02T06:00:00Z');
    await http().post(`/hotlines/calls/${late}/answer`).set(bearer(countyOfficer)).send({ reply: '已送米面油' }).expect(200);
    const [cleared] = await recorder.waitForCount(hotlineTopic, 1, HotlineCallOverdueClearedV1.type);
    expect(cleared.json).toMatchObject({ callRef: late, outcome: 'answered', clearedAt: '2026-03-02T06:00:00.000Z' });
    clock.set('2026-03-03T06:00:00Z');
    expect(await b.get(OverdueCallSweep).sweep()).toMatchObject({ found: 0 });
    await Promise.all([a.get(OutboxRelay).flush(), b.get(OutboxRelay).flush()]);
    expect(recorder.of(hotlineTopic, HotlineCallOverdueV1.type)).toHaveLength(1);

    // nothing personal on the wire: no name, phone or what the caller said
    for (const m of recorder.of(hotlineTopic))
      for (const secret of [caller.name, caller.phone, '断粮', elder.name, elder.idNumber, applicant.name, applicant.idNumber]) {
        expect(m.value ?? '').not.toContain(secret);
        expect(JSON.stringify(m.headers)).not.toContain(secret);
      }
  });

  it('reports figures per line per day within the jurisdiction', async () => {
    const got = await http()
      .get('/hotlines/figures?divisionCode=330521&from=2026-03-01&to=2026-03-02')
      .set(bearer(countyOfficer))
      .expect(200);
    const byLine = Object.fromEntries((got.body.days as { line: string; date: string }[]).map((d) => [`${d.date}|${d.line}`, d]));
    expect(byLine['2026-03-02|social-relief']).toEqual({
      line: 'social-relief',
      date: '2026-03-02',
      received: 5,
      byCategory: { 'basic-living': 3, 'elderly-care': 1, medical: 1 },
      byUrgency: { urgent: 5 },
      answeredWithinLevel: 4,
      answeredLate: 1,
      overdue: 1,
      routed: { 'key-person-visit': 1, 'relief-application': 1, referral: 1 },
      answeredDirectly: 2,
      closedUnanswered: 0,
      stillOpen: 0,
    });
    expect(byLine['2026-03-02|psychological-aid']).toMatchObject({ received: 1, answeredWithinLevel: 1, byUrgency: { crisis: 1 } });
    expect(byLine['2026-03-02|elderly-care-12349']).toMatchObject({ received: 1, closedUnanswered: 1 });
    await http().get('/hotlines/figures?divisionCode=330522&from=2026-03-01&to=2026-03-02').set(bearer(countyOfficer)).expect(403);
    const bad = await http().get('/hotlines/figures?divisionCode=330521&from=2026-03-01').set(bearer(countyOfficer)).expect(400);
    expect(JSON.stringify(bad.body)).toContain('to');
  });
});
