import { createHmac } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { ResidentDiedV1, ResidentTopic, ResidentTransferredV1, SymptomCaseEndedV1, SymptomCaseReportedV1 } from '@civil/contracts';
import { SettableClock } from '@civil/kernel';
import { OutboxRelay, TopicNames } from '@civil/messaging';
import { loadConfig } from '@civil/platform';
import { bearer, isolatedRun, RecordedMessage, serviceEnv, TopicRecorder, waitFor } from '@civil/testing';
import request from 'supertest';
import { createApp } from '../src/bootstrap';
import { InstitutionMonitoringConfig } from '../src/config/institution-monitoring.config';
import { ResidentRepository } from '../src/residents/infrastructure/resident.repository';
import { countyOfficer, unit, zeroCounts } from './support';

describe('residents: the symptom path, transfer and death on the wire, with no name or ID number', () => {
  const run = isolatedRun('im-res-wire');
  const clock = new SettableClock('2026-03-02T01:00:00Z'); // 09:00 Beijing
  const topic = new TopicNames(run.topicPrefix).physical(ResidentTopic.name);
  const PERSON_KEY_SECRET = 'e2e-person-key-secret-0123456789abcdef';
  const unitId = 'u-res-wire';
  const staff = { sub: 'staff-wire', roles: ['unit-staff' as const], jurisdiction: '330521101', unitId };
  const people = [
    { name: '李四', idNumber: '330521195001011237' },
    { name: '欧阳娜娜', idNumber: '11010519491231002X' },
  ];
  const secrets = people.flatMap((p) => [p.name, p.idNumber, p.idNumber.toLowerCase()]);
  let app: INestApplication;
  let http: ReturnType<typeof request>;
  let recorder: TopicRecorder;
  const residentIds: string[] = [];

  const base = (i: number) => `/institutions/${unitId}/residents/${residentIds[i]}`;
  const ofResident = (type: string, residentId: string) => recorder.of(topic, type).filter((m) => m.json?.residentRef === residentId);

  beforeAll(async () => {
    const config = loadConfig(InstitutionMonitoringConfig, serviceEnv(run, 'institution-monitoring', { PERSON_KEY_SECRET }));
    app = await createApp(config, clock);
    http = request(app.getHttpServer());
    recorder = await new TopicRecorder([topic]).start();
    await http.post('/institutions').set(bearer(countyOfficer)).send(unit(unitId)).expect(201);
    for (const p of people)
      residentIds.push((await http.post(`/institutions/${unitId}/residents`).set(bearer(staff)).send(p).expect(201)).body.residentId);
    residentIds.push(
      (await http.post(`/institutions/${unitId}/residents`).set(bearer(staff)).send({ name: '无名氏' }).expect(201)).body.residentId,
    );
  });

  afterAll(async () => {
    await recorder?.stop();
    await app?.close();
  });

  it('stores the name and ID number only encrypted', async () => {
    const stored = (await app.get(ResidentRepository).getVersioned(residentIds[0]))!.value;
    expect(stored.personal.nameCipher).toMatch(/^v1:/);
    expect(stored.personal.idNumberCipher).toMatch(/^v1:/);
    expect(JSON.stringify(stored)).not.toContain('李四');
    expect(JSON.stringify(stored)).not.toContain(people[0].idNumber);
  });

  it('records 37.2 as normal and opens the symptom path at 37.3, publishing one urgent SymptomCaseReported', async () => {
    const normal = await http
      .post(`${base(0)}/temperature-readings`)
      .set(bearer(staff))
      .send({ temperatureC: 37.2 })
      .expect(201);
    expect(normal.body).toMatchObject({
      status: 'in-residence',
      openSymptomCaseId: null,
      latestReading: { temperatureC: 37.2, abnormal: false },
    });

    const abnormal = await http
      .post(`${base(0)}/temperature-readings`)
      .set(bearer(staff))
      .send({ temperatureC: 37.3, symptoms: ['cough'] })
      .expect(201);
    expect(abnormal.body).toMatchObject({ status: 'isolated', isolation: { reason: 'symptom', endsOn: null, active: true } });
    const caseId = abnormal.body.openSymptomCaseId;
    expect(caseId).toMatch(/^sc-/);

    const [message] = await waitFor('SymptomCaseReported on Kafka', () => {
      const found = ofResident(SymptomCaseReportedV1.type, residentIds[0]);
      return found.length ? found : undefined;
    });
    expect(message.key).toBe(unitId);
    expect(message.headers.ce_type).toBe(SymptomCaseReportedV1.type);
    expect(message.json).toEqual({
      unitId,
      unitType: 'elderly-care-home',
      divisionCode: '330521101',
      symptomCaseId: caseId,
      residentRef: residentIds[0],
      symptoms: ['fever', 'cough'],
      temperatureC: 37.3,
      detectedAt: '2026-03-02T01:00:00.000Z',
      isolatedAt: '2026-03-02T01:00:00.000Z',
      urgent: true,
      casesSinceLastReport: 1,
    });

    // a further abnormal reading while the case is open is recorded, not reported again
    await http
      .post(`${base(0)}/temperature-readings`)
      .set(bearer(staff))
      .send({ temperatureC: 38.4 })
      .expect(201);
    await app.get(OutboxRelay).flush();
    await http
      .post(`${base(1)}/symptom-reports`)
      .set(bearer(staff))
      .send({ symptoms: ['loss-of-taste-or-smell'] })
      .expect(201);
    await waitFor('the second resident’s case', () => ofResident(SymptomCaseReportedV1.type, residentIds[1]).length === 1);
    expect(ofResident(SymptomCaseReportedV1.type, residentIds[0])).toHaveLength(1);
  });

  it('counts the unit’s symptom cases since its last daily report', async () => {
    const second = ofResident(SymptomCaseReportedV1.type, residentIds[1])[0];
    expect(second.json).toMatchObject({ temperatureC: null, symptoms: ['loss-of-taste-or-smell'], casesSinceLastReport: 2 });

    clock.set('2026-03-02T01:30:00Z');
    await http
      .post(`/institutions/${unitId}/daily-reports`)
      .set(bearer(staff))
      .send({ reportDate: '2026-03-02', counts: zeroCounts })
      .expect(201);
    clock.set('2026-03-02T02:00:00Z');
    await http
      .post(`${base(2)}/temperature-readings`)
      .set(bearer(staff))
      .send({ temperatureC: 38.0 })
      .expect(201);
    const third = await waitFor('the third resident’s case', () => ofResident(SymptomCaseReportedV1.type, residentIds[2])[0]);
    expect(third.json).toMatchObject({ casesSinceLastReport: 1, temperatureC: 38, urgent: true });
  });

  it('publishes ResidentTransferred when the isolated resident goes to a designated hospital', async () => {
    await http
      .post(`${base(0)}/transfers`)
      .set(bearer(staff))
      .send({ hospital: '' })
      .expect(400);
    const res = await http
      .post(`${base(0)}/transfers`)
      .set(bearer(staff))
      .send({ hospital: '德清县人民医院（定点医院）' })
      .expect(201);
    expect(res.body).toMatchObject({ status: 'transferred', statusLabel: '已转送定点医院', openSymptomCaseId: null });
    const message = await waitFor('ResidentTransferred on Kafka', () => ofResident(ResidentTransferredV1.type, residentIds[0])[0]);
    expect(message.key).toBe(unitId);
    expect(message.json).toEqual({
      unitId,
      unitType: 'elderly-care-home',
      divisionCode: '330521101',
      symptomCaseId: ofResident(SymptomCaseReportedV1.type, residentIds[0])[0].json.symptomCaseId,
      residentRef: residentIds[0],
      hospital: '德清县人民医院（定点医院）',
      transferredAt: '2026-03-02T02:00:00.000Z',
      detectedAt: ofResident(SymptomCaseReportedV1.type, residentIds[0])[0].json.detectedAt,
    });
    await http
      .post(`${base(0)}/transfers`)
      .set(bearer(staff))
      .send({ hospital: '德清县人民医院' })
      .expect(409);
  });

  it('publishes ResidentDied with the person key (HMAC of the ID number), or null without an ID number', async () => {
    const bad = await http
      .post(`${base(1)}/death`)
      .set(bearer(staff))
      .send({ diedAt: '2026-03-02T01:50:00Z', cause: 'infectious-disease', infectious: true })
      .expect(400);
    expect(bad.body).toMatchObject({ error: 'DiseaseRequired', details: { field: 'disease' } });
    const invalid = await http
      .post(`${base(1)}/death`)
      .set(bearer(staff))
      .send({ diedAt: 'yesterday', cause: 'plague', infectious: 'yes' })
      .expect(400);
    expect(invalid.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['cause', 'diedAt', 'infectious']);

    await http
      .post(`${base(1)}/death`)
      .set(bearer(staff))
      .send({ diedAt: '2026-03-02T01:50:00Z', cause: 'infectious-disease', infectious: true, disease: 'COVID-19' })
      .expect(201);
    await http
      .post(`${base(2)}/death`)
      .set(bearer(staff))
      .send({ diedAt: '2026-03-02T01:55:00Z', cause: 'natural', infectious: false })
      .expect(201);
    await http
      .post(`${base(2)}/death`)
      .set(bearer(staff))
      .send({ diedAt: '2026-03-02T01:55:00Z', cause: 'natural', infectious: false })
      .expect(409);

    const died = await waitFor('ResidentDied on Kafka', () => ofResident(ResidentDiedV1.type, residentIds[1])[0]);
    expect(died.key).toBe(unitId);
    expect(died.headers.ce_type).toBe(ResidentDiedV1.type);
    expect(died.json).toEqual({
      unitId,
      unitType: 'elderly-care-home',
      divisionCode: '330521101',
      deathId: expect.stringMatching(/^d-/),
      residentRef: residentIds[1],
      diedAt: '2026-03-02T01:50:00.000Z',
      cause: 'infectious-disease',
      infectious: true,
      disease: 'COVID-19',
      personKey: createHmac('sha256', PERSON_KEY_SECRET).update('11010519491231002X').digest('hex'),
      recordedAt: '2026-03-02T02:00:00.000Z',
    });
    const unknown = await waitFor('the second ResidentDied', () => ofResident(ResidentDiedV1.type, residentIds[2])[0]);
    expect(unknown.json).toMatchObject({ personKey: null, infectious: false, disease: null, cause: 'natural' });
    // both died on the symptom path: the death ends each episode, published before the death itself (same key, in order)
    for (const [i, diedAt] of [
      [1, '2026-03-02T01:50:00.000Z'],
      [2, '2026-03-02T01:55:00.000Z'],
    ] as const) {
      const opened = ofResident(SymptomCaseReportedV1.type, residentIds[i])[0];
      const [ended] = ofResident(SymptomCaseEndedV1.type, residentIds[i]);
      expect(ended.json).toEqual({
        unitId,
        unitType: 'elderly-care-home',
        divisionCode: '330521101',
        symptomCaseId: opened.json.symptomCaseId,
        residentRef: residentIds[i],
        outcome: 'died',
        detectedAt: opened.json.detectedAt,
        endedAt: diedAt,
      });
      const order = recorder
        .of(topic)
        .filter((m) => m.json?.residentRef === residentIds[i])
        .map((m) => m.headers.ce_type);
      expect(order.slice(-2)).toEqual([SymptomCaseEndedV1.type, ResidentDiedV1.type]);
    }
  });

  it('never puts a name or an ID number in any value or header on the topic', async () => {
    await app.get(OutboxRelay).flush();
    const all: RecordedMessage[] = recorder.of(topic);
    expect(all.length).toBeGreaterThanOrEqual(6);
    for (const m of all) {
      const wire = JSON.stringify({ key: m.key, headers: m.headers, value: m.value });
      for (const s of secrets) expect(wire).not.toContain(s);
    }
  });
});
