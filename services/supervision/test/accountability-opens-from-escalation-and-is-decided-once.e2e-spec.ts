import { INestApplication } from '@nestjs/common';
import {
  AccountabilityCaseOpenedV1,
  AccountabilityOutcomeDecidedV1,
  AccountabilityTopic,
  CaseEscalated,
  CaseEscalatedV1,
  CaseTopic,
  CASE_TYPES,
} from '@civil/contracts';
import { SettableClock } from '@civil/kernel';
import { createEvent, OutboxRelay, toKafkaRecord } from '@civil/messaging';
import { Role } from '@civil/platform';
import { bearer, isolatedRun, RecordedMessage, TopicRecorder, waitFor } from '@civil/testing';
import request from 'supertest';
import { AccountabilityService } from '../src/accountability/application/accountability.service';
import { EscalateDueCasesService } from '../src/cases/application/escalate-due-cases.service';
import { startSupervision, upstream } from './support';

const who = (role: Role, jurisdiction: string, unitId?: string) => ({
  sub: `${role}-${jurisdiction}`,
  roles: [role],
  jurisdiction,
  ...(unitId ? { unitId } : {}),
});
const province = who('province-officer', '33');
const national = who('national-admin', '33');
const discipline = who('discipline-officer', '330521');

describe('accountability: a case escalating to its rule level opens one accountability case, decided once', () => {
  const run = isolatedRun('sv-acc');
  const clock = new SettableClock('2026-03-02T02:01:00Z');
  const up = upstream(run);
  const caseTopic = up.names.physical(CaseTopic.name);
  const accTopic = up.names.physical(AccountabilityTopic.name);
  let app: INestApplication;
  let recorder: TopicRecorder;
  let http: ReturnType<typeof request>;
  let opened: RecordedMessage;

  const accountabilityOf = (sourceCaseId: string) =>
    recorder.of(accTopic, AccountabilityCaseOpenedV1.type).filter((m) => m.json.sourceCaseId === sourceCaseId);

  beforeAll(async () => {
    app = await startSupervision(run, clock);
    http = request(app.getHttpServer());
    recorder = await new TopicRecorder([caseTopic, accTopic]).start();
    await http
      .put('/escalation-ladders/report-missed')
      .set(bearer(province))
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

  it('opens nothing at county, one case at city with the evidence chain, and nothing more on redelivery or a further climb', async () => {
    const day1 = up.missedRecord('u-acc', '2026-03-02');
    const day2 = up.missedRecord('u-acc', '2026-03-03');
    await up.publisher.publish([day1]);
    await up.publisher.publish([day2]);
    const c = await waitFor('the case of u-acc with both days', async () => {
      const [found] = (await http.get('/cases').query({ caseType: 'report-missed' }).set(bearer(province)).expect(200)).body.filter(
        (x: { subjectId: string }) => x.subjectId === 'u-acc',
      );
      return found?.occurrences === 2 ? found : undefined;
    });
    const escalations = () => recorder.of(caseTopic, CaseEscalatedV1.type).filter((m) => m.json.caseId === c.caseId);
    const escalate = () => app.get(EscalateDueCasesService).run();
    const openedAt = new Date(c.openedAt).getTime();

    clock.set(new Date(openedAt + 60 * 60_000));
    await escalate();
    await waitFor('county escalation on Kafka', () => escalations().length === 1 || undefined);
    clock.set(new Date(openedAt + 180 * 60_000));
    await escalate();
    const [, toCity] = await waitFor('city escalation on Kafka', () => (escalations().length === 2 ? escalations() : undefined));
    expect(toCity.json.toLevel).toBe('city');

    [opened] = await waitFor('AccountabilityCaseOpened', () =>
      accountabilityOf(c.caseId).length ? accountabilityOf(c.caseId) : undefined,
    );
    expect(opened.json).toMatchObject({
      trigger: 'late-reporting',
      subject: { kind: 'unit', id: 'u-acc', divisionCode: '330521101' },
      sourceCaseId: c.caseId,
      divisionCode: '330521101',
      evidenceEventIds: [day1.headers.ce_id, day2.headers.ce_id, toCity.headers.ce_id],
    });
    expect(opened.key).toBe(opened.json.accountabilityCaseId);
    expect(opened.headers.ce_causationid).toBe(toCity.headers.ce_id);

    // a further climb, the city escalation delivered again, then a marker on the same key (same partition)
    clock.set(new Date(openedAt + 420 * 60_000));
    await escalate();
    await waitFor('province escalation on Kafka', () => escalations().length === 3 || undefined);
    await up.publisher.sendRaw(caseTopic, [{ key: toCity.key, value: toCity.value, headers: toCity.headers }]);
    const marker: CaseEscalated = {
      ...(toCity.json as CaseEscalated),
      caseId: 'sc-marker',
      subjectId: 'u-marker',
      divisionCode: '330681101',
    };
    await up.publisher.publish([toKafkaRecord(createEvent(CaseEscalatedV1, marker, { time: clock.now() }), CaseTopic.name, toCity.key!)]);
    await waitFor('the marker’s accountability case', () => accountabilityOf('sc-marker').length === 1 || undefined);
    // accountability events are keyed by their own case: the marker's may be on another partition
    await app.get(OutboxRelay).flush();
    await recorder.caughtUp();
    expect(accountabilityOf(c.caseId)).toHaveLength(1);
    const listed = (await http.get('/accountability-cases').set(bearer(discipline)).expect(200)).body.filter(
      (x: { sourceCaseId: string }) => x.sourceCaseId === c.caseId,
    );
    expect(listed).toHaveLength(1);

    const detail = (await http.get(`/accountability-cases/${opened.json.accountabilityCaseId}`).set(bearer(discipline)).expect(200)).body;
    expect(detail).toMatchObject({ status: 'opened', openedBy: 'system', outcome: null });
    expect(detail.evidence[detail.evidence.length - 1]).toMatchObject({
      eventId: toCity.headers.ce_id,
      type: CaseEscalatedV1.type,
      time: toCity.headers.ce_time,
    });
    expect(detail.evidence[0]).toMatchObject({ eventId: day1.headers.ce_id, type: day1.headers.ce_type });
  });

  it('is decided once by a discipline officer of the division; deciding again is a conflict', async () => {
    const id = opened.json.accountabilityCaseId;
    const staff = who('unit-staff', '330521101', 'u-acc');
    expect((await http.get('/accountability-cases').set(bearer(staff)).expect(200)).body).toEqual([]);
    await http.get(`/accountability-cases/${id}`).set(bearer(staff)).expect(404);

    await http
      .post(`/accountability-cases/${id}/outcome`)
      .set(bearer(who('county-officer', '330521')))
      .send({ outcome: 'talk' })
      .expect(403);
    await http
      .post(`/accountability-cases/${id}/outcome`)
      .set(bearer(who('discipline-officer', '330522')))
      .send({ outcome: 'talk' })
      .expect(404);
    const noReason = await http
      .post(`/accountability-cases/${id}/outcome`)
      .set(bearer(discipline))
      .send({ outcome: 'dismissed' })
      .expect(400);
    expect(noReason.body.fields.map((f: { field: string }) => f.field)).toEqual(['reason']);
    const badOutcome = await http.post(`/accountability-cases/${id}/outcome`).set(bearer(discipline)).send({ outcome: 'fine' }).expect(400);
    expect(badOutcome.body.fields.map((f: { field: string }) => f.field)).toEqual(['outcome']);

    clock.set(new Date('2026-03-05T02:00:00Z'));
    const decided = (
      await http
        .post(`/accountability-cases/${id}/outcome`)
        .set(bearer(discipline))
        .send({ outcome: 'talk', reason: '连续两日未报且未在时限内整改' })
        .expect(200)
    ).body;
    expect(decided).toMatchObject({ status: 'decided', outcome: 'talk', decidedAt: '2026-03-05T02:00:00.000Z' });
    const again = await http.post(`/accountability-cases/${id}/outcome`).set(bearer(discipline)).send({ outcome: 'referral' }).expect(409);
    expect(again.body.error).toBe('AlreadyDecided');

    const [event] = await recorder.waitForCount(accTopic, 1, AccountabilityOutcomeDecidedV1.type);
    expect(event.json).toEqual({
      accountabilityCaseId: id,
      trigger: 'late-reporting',
      subject: { kind: 'unit', id: 'u-acc', divisionCode: '330521101' },
      outcome: 'talk',
      divisionCode: '330521101',
      decidedAt: '2026-03-05T02:00:00.000Z',
    });
    expect(event.key).toBe(id);
    await app.get(OutboxRelay).flush();
    await recorder.caughtUp();
    expect(recorder.of(accTopic, AccountabilityOutcomeDecidedV1.type)).toHaveLength(1);

    // once decided, the unit sees the decision about itself
    const own = (await http.get('/accountability-cases').set(bearer(staff)).expect(200)).body;
    expect(own.map((x: { accountabilityCaseId: string }) => x.accountabilityCaseId)).toEqual([id]);
    expect(
      (
        await http
          .get('/accountability-cases')
          .set(bearer(who('unit-staff', '330521101', 'u-other')))
          .expect(200)
      ).body,
    ).toEqual([]);
  });

  it('opens a case by hand on a post with evidence, refuses bad input by field, and counts it in the summary', async () => {
    const bad = await http
      .post('/accountability-cases')
      .set(bearer(who('county-officer', '330521')))
      .send({ trigger: 'bribery', subject: { kind: 'person', id: 'x', divisionCode: '33052' }, evidence: [] })
      .expect(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field).sort()).toEqual([
      'evidence',
      'subject.divisionCode',
      'subject.kind',
      'trigger',
    ]);
    const idNumber = await http
      .post('/accountability-cases')
      .set(bearer(who('county-officer', '330521')))
      .send({
        trigger: 'broker-scalper',
        subject: { kind: 'role', id: '330521199001011234', divisionCode: '330521' },
        evidence: [{ eventId: 'e-1' }],
      })
      .expect(400);
    expect(idNumber.body.details).toEqual({ field: 'subject.id' });
    await http
      .post('/accountability-cases')
      .set(bearer(who('county-officer', '330521')))
      .send({
        trigger: 'broker-scalper',
        subject: { kind: 'unit', id: 'u-far', divisionCode: '330681001' },
        evidence: [{ eventId: 'e-1' }],
      })
      .expect(403);

    const byHand = (
      await http
        .post('/accountability-cases')
        .set(bearer(who('county-officer', '330521')))
        .send({
          trigger: 'broker-scalper',
          subject: { kind: 'role', id: '殡仪馆业务科长', divisionCode: '330521' },
          evidence: [{ eventId: 'insp-finding-7', time: '2026-03-04T03:00:00Z' }],
          summary: '督查发现与殡葬中介勾连',
        })
        .expect(201)
    ).body;
    expect(byHand).toMatchObject({
      status: 'opened',
      sourceCaseId: null,
      evidence: [{ eventId: 'insp-finding-7', type: null, time: '2026-03-04T03:00:00.000Z' }],
    });
    const wire = await waitFor('the hand-opened case on Kafka', () =>
      recorder.of(accTopic, AccountabilityCaseOpenedV1.type).find((m) => m.key === byHand.accountabilityCaseId),
    );
    expect(wire.json).toMatchObject({
      trigger: 'broker-scalper',
      subject: { kind: 'role', id: '殡仪馆业务科长', divisionCode: '330521' },
      evidenceEventIds: ['insp-finding-7'],
      sourceCaseId: null,
    });

    const filtered = (
      await http.get('/accountability-cases').query({ status: 'opened', trigger: 'broker-scalper' }).set(bearer(discipline)).expect(200)
    ).body;
    expect(filtered.map((x: { accountabilityCaseId: string }) => x.accountabilityCaseId)).toEqual([byHand.accountabilityCaseId]);
    await http.get('/accountability-cases').query({ outcome: 'fine' }).set(bearer(discipline)).expect(400);

    const summary = await app.get(AccountabilityService).summary(who('county-officer', '330521'));
    expect(summary).toMatchObject({
      divisionCode: '330521',
      total: 2,
      byStatus: { opened: 1, decided: 1, dismissed: 0 },
      byOutcome: { talk: 1, referral: 0 },
      byTrigger: { 'late-reporting': 1, 'broker-scalper': 1 },
    });
    const township = await app.get(AccountabilityService).summary(who('county-officer', '330521'), { divisionCode: '330521101' });
    expect(township.total).toBe(1);
  });

  it('replaces a rule per case type for a province (every region’s at national level), keeping who changed it and what it was', async () => {
    const rule = (caseType: string, divisionCode?: string) =>
      http.put(`/accountability-rules/${caseType}`).query(divisionCode ? { divisionCode } : {});
    await rule('report-missed', '330521')
      .set(bearer(who('county-officer', '330521')))
      .send({ level: 'county', trigger: 'late-reporting' })
      .expect(403);
    const county = await rule('report-missed', '330521')
      .set(bearer(who('discipline-officer', '330521')))
      .send({ level: 'county', trigger: 'late-reporting' })
      .expect(403);
    expect(county.body.error).toBe('ProvinceLevelOnly');
    // every region's rule is not a province's to change, nor another province's rule
    expect(
      (await rule('report-missed').set(bearer(province)).send({ level: 'county', trigger: 'late-reporting' }).expect(403)).body.error,
    ).toBe('NationalRoleRequired');
    expect(
      (await rule('report-missed', '44').set(bearer(province)).send({ level: 'county', trigger: 'late-reporting' }).expect(403)).body.error,
    ).toBe('OutsideJurisdiction');
    const bad = await rule('report-missed', '33').set(bearer(province)).send({ level: 'nation', trigger: 'late-reporting' }).expect(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field)).toEqual(['level']);
    await rule('report-missed', '3x').set(bearer(province)).send({ level: 'county', trigger: 'late-reporting' }).expect(400);
    await rule('no-such-type', '33').set(bearer(province)).send({ level: 'county', trigger: 'late-reporting' }).expect(404);

    clock.set(new Date('2026-03-06T02:00:00Z'));
    const set = (
      await rule('report-missed', '33').set(bearer(province)).send({ level: 'county', trigger: 'concealed-or-underreported' }).expect(200)
    ).body;
    expect(set).toMatchObject({
      caseType: 'report-missed',
      source: 'set',
      divisionCode: '33',
      rule: { level: 'county', trigger: 'concealed-or-underreported' },
    });
    expect(set.history).toEqual([
      {
        rule: { level: 'county', trigger: 'concealed-or-underreported' },
        previous: { level: 'city', trigger: 'late-reporting' },
        setBy: province.sub,
        setAt: '2026-03-06T02:00:00.000Z',
      },
    ]);
    const off = (await rule('capacity-strained').set(bearer(national)).send({ disabled: true }).expect(200)).body;
    expect(off).toMatchObject({ rule: null, divisionCode: '', history: [{ rule: null, previous: null }] });

    // inside the province its rule applies; elsewhere every region's
    const here = (await http.get('/accountability-rules').query({ divisionCode: '330521' }).set(bearer(discipline)).expect(200)).body;
    expect(here.find((r: { caseType: string }) => r.caseType === 'report-missed')).toMatchObject({
      divisionCode: '33',
      rule: { level: 'county', trigger: 'concealed-or-underreported' },
    });
    const all = (await http.get('/accountability-rules').set(bearer(discipline)).expect(200)).body;
    expect(all.find((r: { caseType: string }) => r.caseType === 'report-missed')).toMatchObject({
      source: 'default',
      rule: { level: 'city', trigger: 'late-reporting' },
    });
    expect(all.find((r: { caseType: string }) => r.caseType === 'capacity-strained')).toMatchObject({
      source: 'set',
      divisionCode: '',
      rule: null,
    });
    // a symptom case exists because the unit reported it: by default its climbing accuses nobody (seed 000: 瞒报 is for data withheld)
    expect(all.find((r: { caseType: string }) => r.caseType === 'symptom-case')).toMatchObject({ source: 'default', rule: null });
    // suspicions accuse nobody by climbing: an officer's confirmation opens their accountability
    for (const caseType of ['report-inconsistent', 'reserves-unaccounted'])
      expect(all.find((r: { caseType: string }) => r.caseType === caseType)).toMatchObject({ source: 'default', rule: null });
    // one rule for every case type, and nothing else
    expect(all.map((r: { caseType: string }) => r.caseType).sort()).toEqual([...CASE_TYPES].sort());
  });
});
