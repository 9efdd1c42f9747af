import { INestApplication } from '@nestjs/common';
import { KeyPersonTopic, RiskFlagRaisedV1, VisitOverdueV1 } from '@civil/contracts';
import { SettableClock } from '@civil/kernel';
import { OutboxRelay, TopicNames } from '@civil/messaging';
import { bearer, isolatedRun, RecordedMessage, TopicRecorder, waitFor } from '@civil/testing';
import request from 'supertest';
import { OverdueVisitSweep } from '../src/key-person-lists/application/overdue-visit-sweep.service';
import { admin, countyOfficer, idNumber, startSocialRelief, townshipOfficer } from './support';

const elder = { name: '陈阿婆', idNumber: idNumber('1941-05-12', 22), phone: '13900002222' };
const guardian = { name: '陈建国', phone: '13700003333', relation: '儿子' };
const disabled = { name: '周德明', idNumber: idNumber('1968-11-03', 31) };

describe('key-person visits: one VisitOverdue per episode across sweeps, replicas and restarts; risk tightening; RiskFlagRaised', () => {
  const run = isolatedRun('sr-kp-visits');
  const clock = new SettableClock('2026-03-02T02:00:00Z'); // 10:00 Beijing
  const topic = new TopicNames(run.topicPrefix).physical(KeyPersonTopic.name);
  let a: INestApplication;
  let b: INestApplication;
  let recorder: TopicRecorder;
  let entryId: string;
  let personId: string;
  const http = () => request(a.getHttpServer());
  const overdue = () => recorder.of(topic, VisitOverdueV1.type);
  const flagsRaised = () => recorder.of(topic, RiskFlagRaisedV1.type);
  const personalValues = [elder.name, elder.idNumber, elder.phone, guardian.name, guardian.phone, disabled.name, disabled.idNumber];
  const leaks = (m: RecordedMessage) =>
    personalValues.filter((v) => (m.value ?? '').includes(v) || JSON.stringify(m.headers).includes(v) || (m.key ?? '').includes(v));

  beforeAll(async () => {
    a = await startSocialRelief(run, clock);
    b = await startSocialRelief(run, clock);
    recorder = await new TopicRecorder([topic]).start();
    const added = await http()
      .post('/key-person-lists/330521101/entries')
      .set(bearer(townshipOfficer))
      .send({ ...elder, villageCode: '330521101201', categories: ['empty-nest-elderly'], guardian, notes: '独居，行动不便' })
      .expect(201);
    entryId = added.body.entry.entryId;
    personId = added.body.entry.personId;
  });

  afterAll(async () => {
    await recorder?.stop();
    await a?.close();
    await b?.close();
  });

  it('shows the schedule: the elderly cadence (7 days) from the entry’s creation, on schedule, guardian masked', async () => {
    const got = await http().get(`/key-person-lists/330521101/entries/${entryId}`).set(bearer(townshipOfficer)).expect(200);
    expect(got.body).toMatchObject({
      entryId,
      divisionCode: '330521101201',
      status: 'active',
      statusLabel: '在册',
      categoryLabels: ['空巢独居老人'],
      cadenceDays: 7,
      atRiskArea: false,
      lastVisitAt: null,
      nextVisitDueAt: '2026-03-09T02:00:00.000Z',
      visitState: 'on-schedule',
      guardian: { name: '陈**', phone: '137****3333', relation: '儿子' },
      person: { name: '陈**', phone: '139****2222' },
      notes: '独居，行动不便',
    });
    expect(JSON.stringify(got.body)).not.toContain(elder.idNumber);
    expect(JSON.stringify(got.body)).not.toContain(guardian.name);
  });

  it('opens nothing at the due instant, then exactly one episode however many sweeps run at once on two replicas', async () => {
    clock.set('2026-03-09T02:00:00Z');
    const atDue = await http().post('/key-person-lists/overdue-sweeps').set(bearer(admin)).expect(200);
    expect(atDue.body).toMatchObject({ overdue: 0, opened: 0 });

    clock.set('2026-03-09T02:00:01Z');
    const results = await Promise.all([
      a.get(OverdueVisitSweep).sweep(),
      b.get(OverdueVisitSweep).sweep(),
      a.get(OverdueVisitSweep).sweep(),
      b.get(OverdueVisitSweep).sweep(),
    ]);
    expect(results.reduce((n, r) => n + r.opened, 0)).toBe(1);
    const again = await http().post('/key-person-lists/overdue-sweeps').set(bearer(admin)).expect(200);
    expect(again.body).toMatchObject({ checked: 1, overdue: 0, opened: 0 });

    const [event] = await recorder.waitForCount(topic, 1, VisitOverdueV1.type);
    expect(event.key).toBe(entryId);
    expect(event.headers.ce_type).toBe('cn.gov.civilaffairs.social-relief.visit-overdue.v1');
    expect(event.json).toEqual({
      entryId,
      personRef: personId,
      divisionCode: '330521101201',
      categories: ['empty-nest-elderly'],
      episodeId: `${entryId}:2026-03-09`,
      cadenceDays: 7,
      lastVisitAt: null,
      dueAt: '2026-03-09T02:00:00.000Z',
      detectedAt: '2026-03-09T02:00:01.000Z',
    });
    expect(leaks(event)).toEqual([]);

    const listed = await http().get('/key-person-lists/330521101/entries?overdue=true').set(bearer(townshipOfficer)).expect(200);
    expect(listed.body.entries.map((e: { entryId: string }) => e.entryId)).toEqual([entryId]);
    expect(listed.body.entries[0]).toMatchObject({
      visitState: 'overdue',
      visitStateLabel: '探访逾期',
      overdueEpisode: { episodeId: `${entryId}:2026-03-09` },
    });
  });

  it('emits nothing more after a restart and another sweep (proved by a later RiskFlagRaised on the same key)', async () => {
    await a.close();
    a = await startSocialRelief(run, clock);
    clock.set('2026-03-09T08:00:00Z');
    expect(await a.get(OverdueVisitSweep).sweep()).toMatchObject({ overdue: 0, opened: 0 });
    await Promise.all([a.get(OutboxRelay).flush(), b.get(OutboxRelay).flush()]);

    const raised = await http()
      .post(`/key-person-lists/330521101/entries/${entryId}/flags`)
      .set(bearer(townshipOfficer))
      .send({ flag: 'basic-living-difficulty', finding: '家中存粮不足三天' })
      .expect(201);
    expect(raised.body.flags).toEqual([
      expect.objectContaining({ flag: 'basic-living-difficulty', label: '基本生活困难', raisedBy: townshipOfficer.sub }),
    ]);
    const [marker] = await recorder.waitForCount(topic, 1, RiskFlagRaisedV1.type);
    expect(marker.key).toBe(entryId);
    expect(marker.headers.ce_type).toBe('cn.gov.civilaffairs.social-relief.risk-flag-raised.v1');
    expect(marker.json).toEqual({
      entryId,
      personRef: personId,
      divisionCode: '330521101201',
      categories: ['empty-nest-elderly'],
      flag: 'basic-living-difficulty',
      finding: '家中存粮不足三天',
      raisedAt: '2026-03-09T08:00:00.000Z',
    });
    expect(overdue()).toHaveLength(1);

    const twice = await http()
      .post(`/key-person-lists/330521101/entries/${entryId}/flags`)
      .set(bearer(townshipOfficer))
      .send({ flag: 'basic-living-difficulty', finding: '仍缺粮' })
      .expect(409);
    expect(twice.body).toMatchObject({ error: 'FlagAlreadyRaised' });
  });

  it('ends the episode with a visit; the next lapse, counted from the visit, is a new episode', async () => {
    clock.set('2026-03-10T01:30:00Z');
    const visit = await http()
      .post(`/key-person-lists/330521101/entries/${entryId}/visits`)
      .set(bearer(townshipOfficer))
      .send({
        visitedAt: '2026-03-10T09:00:00+08:00',
        mode: 'home-visit',
        findings: '已送米面油，血压偏高',
        flags: ['basic-living-difficulty', 'safety-issue'],
      })
      .expect(201);
    expect(visit.body).toMatchObject({ endedEpisodeId: `${entryId}:2026-03-09`, flagsRaised: ['safety-issue'] });
    expect(visit.body.entry).toMatchObject({
      lastVisitAt: '2026-03-10T01:00:00.000Z',
      nextVisitDueAt: '2026-03-17T01:00:00.000Z',
      visitState: 'on-schedule',
      overdueEpisode: null,
    });
    expect(visit.body.entry.visits[0]).toMatchObject({
      visitor: townshipOfficer.sub,
      mode: 'home-visit',
      modeLabel: '上门探访',
      findings: '已送米面油，血压偏高',
    });

    clock.set('2026-03-17T01:00:00Z');
    expect(await a.get(OverdueVisitSweep).sweep()).toMatchObject({ opened: 0 });
    clock.set('2026-03-17T01:00:01Z');
    const [r1, r2] = await Promise.all([a.get(OverdueVisitSweep).sweep(), b.get(OverdueVisitSweep).sweep()]);
    expect(r1.opened + r2.opened).toBe(1);

    const second = await waitFor('the second episode on Kafka', () => overdue().find((m) => m.json.episodeId === `${entryId}:2026-03-17`));
    expect(second.key).toBe(entryId);
    expect(second.json).toMatchObject({ lastVisitAt: '2026-03-10T01:00:00.000Z', dueAt: '2026-03-17T01:00:00.000Z', cadenceDays: 7 });
    const safety = await waitFor('the flag raised at the visit', () => flagsRaised().find((m) => m.json.flag === 'safety-issue'));
    expect(safety.json).toMatchObject({ entryId, finding: '已送米面油，血压偏高', raisedAt: '2026-03-10T01:30:00.000Z' });
    await Promise.all([a.get(OutboxRelay).flush(), b.get(OutboxRelay).flush()]);
    expect(overdue().map((m) => m.json.episodeId)).toEqual([`${entryId}:2026-03-09`, `${entryId}:2026-03-17`]);
    expect(new Set(recorder.of(topic).map((m) => m.headers.ce_id)).size).toBe(recorder.of(topic).length);
    // the flag raised before the visit stayed raised and was not published again
    expect(flagsRaised().map((m) => m.json.flag)).toEqual(['basic-living-difficulty', 'safety-issue']);
  });

  it('tightens the cadence to the at-risk limit once the county sets the area to high risk', async () => {
    clock.set('2026-03-18T02:00:00Z');
    const added = await http()
      .post('/key-person-lists/330521103/entries')
      .set(bearer(countyOfficer))
      .send({ ...disabled, categories: ['severely-disabled'] })
      .expect(201);
    const disabledEntry = added.body.entry.entryId;
    expect(added.body.entry).toMatchObject({ cadenceDays: 14, atRiskArea: false, nextVisitDueAt: '2026-04-01T02:00:00.000Z' });

    await http()
      .put('/area-risk-levels/330521103')
      .set(bearer(countyOfficer))
      .send({ level: 'high', reason: '指挥部通告第12号' })
      .expect(200);
    const tightened = await http().get(`/key-person-lists/330521103/entries/${disabledEntry}`).set(bearer(countyOfficer)).expect(200);
    expect(tightened.body).toMatchObject({ cadenceDays: 2, atRiskArea: true, nextVisitDueAt: '2026-03-20T02:00:00.000Z' });

    clock.set('2026-03-20T02:00:01Z');
    expect(await a.get(OverdueVisitSweep).sweep()).toMatchObject({ opened: 1 });
    const event = await waitFor('VisitOverdue at the at-risk cadence', () => overdue().find((m) => m.key === disabledEntry));
    expect(event.json).toMatchObject({
      divisionCode: '330521103',
      categories: ['severely-disabled'],
      cadenceDays: 2,
      dueAt: '2026-03-20T02:00:00.000Z',
      episodeId: `${disabledEntry}:2026-03-20`,
    });
    // the elderly entry in another township kept its 7-day cadence (its open episode stays open)
    expect(overdue().filter((m) => m.key === entryId)).toHaveLength(2);
  });

  it('never puts a name, ID number or phone number in any message', async () => {
    await a.get(OutboxRelay).flush();
    expect(recorder.of(topic).length).toBeGreaterThanOrEqual(5);
    expect(recorder.of(topic).flatMap(leaks)).toEqual([]);
  });
});
