import { INestApplication } from '@nestjs/common';
import { ResidentTopic, SymptomCaseEndedV1, SymptomCaseReportedV1 } from '@civil/contracts';
import { SettableClock } from '@civil/kernel';
import { TopicNames } from '@civil/messaging';
import { loadConfig } from '@civil/platform';
import { bearer, isolatedRun, serviceEnv, TopicRecorder, waitFor } from '@civil/testing';
import request from 'supertest';
import { createApp } from '../src/bootstrap';
import { InstitutionMonitoringConfig } from '../src/config/institution-monitoring.config';
import { countyOfficer, unit } from './support';

describe('residents: a symptom episode ends by clearance (排除) or, where the health authority allows it, recovery in the unit — each on the wire', () => {
  const run = isolatedRun('im-res-ends');
  const clock = new SettableClock('2026-03-02T01:00:00Z');
  const topic = new TopicNames(run.topicPrefix).physical(ResidentTopic.name);
  const unitId = 'u-res-ends';
  const staff = { sub: 'staff-ends', roles: ['unit-staff' as const], jurisdiction: '330521101', unitId };
  let app: INestApplication;
  let http: ReturnType<typeof request>;
  let recorder: TopicRecorder;

  const ofResident = (type: string, residentId: string) => recorder.of(topic, type).filter((m) => m.json?.residentRef === residentId);
  async function residentOnTheSymptomPath(name: string): Promise<{ residentId: string; caseId: string; detectedAt: string }> {
    const { residentId } = (await http.post(`/institutions/${unitId}/residents`).set(bearer(staff)).send({ name }).expect(201)).body;
    const res = await http
      .post(`/institutions/${unitId}/residents/${residentId}/temperature-readings`)
      .set(bearer(staff))
      .send({ temperatureC: 38.2 });
    expect(res.status).toBe(201);
    const reported = await waitFor(`SymptomCaseReported for ${name}`, () => ofResident(SymptomCaseReportedV1.type, residentId)[0]);
    return { residentId, caseId: res.body.openSymptomCaseId, detectedAt: reported.json.detectedAt };
  }

  beforeAll(async () => {
    const config = loadConfig(InstitutionMonitoringConfig, serviceEnv(run, 'institution-monitoring'));
    app = await createApp(config, clock);
    http = request(app.getHttpServer());
    recorder = await new TopicRecorder([topic]).start();
    await http.post('/institutions').set(bearer(countyOfficer)).send(unit(unitId)).expect(201);
  });

  afterAll(async () => {
    await recorder?.stop();
    await app?.close();
  });

  it('a cleared case (tested negative) publishes SymptomCaseEnded with outcome cleared', async () => {
    const r = await residentOnTheSymptomPath('张一');
    clock.set('2026-03-02T03:00:00Z');
    const cleared = await http
      .post(`/institutions/${unitId}/residents/${r.residentId}/symptom-cases/${r.caseId}/clearance`)
      .set(bearer(staff))
      .expect(201);
    expect(cleared.body).toMatchObject({ openSymptomCaseId: null });
    const ended = await waitFor('SymptomCaseEnded (cleared)', () => ofResident(SymptomCaseEndedV1.type, r.residentId)[0]);
    expect(ended.key).toBe(unitId);
    expect(ended.json).toEqual({
      unitId,
      unitType: 'elderly-care-home',
      divisionCode: '330521101',
      symptomCaseId: r.caseId,
      residentRef: r.residentId,
      outcome: 'cleared',
      detectedAt: r.detectedAt,
      endedAt: '2026-03-02T03:00:00.000Z',
    });
    await http.post(`/institutions/${unitId}/residents/${r.residentId}/symptom-cases/${r.caseId}/clearance`).set(bearer(staff)).expect(409);
  });

  it('recovery in the unit is refused unless the region’s health authority allows it; then it ends the episode, with the approval on record', async () => {
    const r = await residentOnTheSymptomPath('张二');
    const path = `/institutions/${unitId}/residents/${r.residentId}/symptom-cases/${r.caseId}/recovery-in-place`;
    const missing = await http.post(path).set(bearer(staff)).send({}).expect(400);
    expect(missing.body.fields.map((f: { field: string }) => f.field)).toEqual(['approvedBy']);
    const refused = await http.post(path).set(bearer(staff)).send({ approvedBy: '德清县卫生健康局 德卫〔2026〕12号' }).expect(409);
    expect(refused.body).toMatchObject({ error: 'RecoveryInPlaceNotAllowed' });
    expect(ofResident(SymptomCaseEndedV1.type, r.residentId)).toEqual([]);

    await http
      .put('/regional-settings/symptom-recovery-in-place-allowed')
      .set(bearer(countyOfficer))
      .send({ divisionCode: '330521', value: 1 })
      .expect(200);
    clock.set('2026-03-03T01:00:00Z');
    const recovered = await http.post(path).set(bearer(staff)).send({ approvedBy: '德清县卫生健康局 德卫〔2026〕12号' }).expect(201);
    expect(recovered.body).toMatchObject({ openSymptomCaseId: null });
    const ended = await waitFor('SymptomCaseEnded (recovered)', () => ofResident(SymptomCaseEndedV1.type, r.residentId)[0]);
    expect(ended.json).toMatchObject({ symptomCaseId: r.caseId, outcome: 'recovered-in-place', endedAt: '2026-03-03T01:00:00.000Z' });
    expect(JSON.stringify(ended.json)).not.toContain('德卫');
    await http.post(path).set(bearer(staff)).send({ approvedBy: '德清县卫生健康局' }).expect(409);
  });
});
