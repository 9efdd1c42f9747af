import {
  DailyReportSubmittedV1,
  DailyReportTopic,
  ReportMissedV1,
  ResidentTopic,
  ResidentTransferredV1,
  SupplyShortageClearedV1,
  SupplyShortageDetectedV1,
  SupplyTopic,
  SymptomCaseReportedV1,
  VaccinationCoverageBelowFloorV1,
  VaccinationCoverageRestoredV1,
  VaccinationTopic,
} from '@civil/contracts';
import { SettableClock } from '@civil/kernel';
import { bearer, isolatedRun } from '@civil/testing';
import request from 'supertest';
import { admin, CaseEvents, startSupervisionWithUpstream, SupervisionWithUpstream } from './supervision-with-upstream';

/**
 * Every institution-monitoring signal supervision acts on, end to end: the real event from the
 * real service's API, over Kafka, opens the case (linked to the event's ce_id), the ladder
 * escalates it, and the real clearing event from the API resolves it (linked the same way).
 */
describe('institution-monitoring signals → supervision cases, end to end', () => {
  const run = isolatedRun('e2e-sig-im');
  const clock = new SettableClock('2026-03-02T00:30:00Z'); // 08:30 Beijing
  const county = { sub: 'officer-deqing', roles: ['county-officer' as const], jurisdiction: '330521' };
  const counts = {
    residents: 50,
    staffOnDuty: 14,
    newAdmissions: 0,
    temperatureAnomalies: 0,
    suspected: 0,
    confirmed: 0,
    isolated: 0,
    transferred: 0,
    deaths: 0,
    ppeDaysOfCover: 40,
    vaccinatedResidents: 0,
    vaccinatedStaff: 0,
  };
  const staffOf = (unitId: string) => ({ sub: `staff-${unitId}`, roles: ['unit-staff' as const], jurisdiction: '330521101', unitId });
  let system: SupervisionWithUpstream;
  let im: () => ReturnType<typeof request>;

  const register = (unitId: string) =>
    im()
      .post('/institutions')
      .set(bearer(county))
      .send({
        unitId,
        name: `${unitId} 养老院`,
        unitType: 'elderly-care-home',
        operator: 'public',
        divisionCode: '330521101',
        beds: 60,
        bedsInUse: 50,
      })
      .expect(201);

  beforeAll(async () => {
    system = await startSupervisionWithUpstream(run, clock, 'institution-monitoring', [
      DailyReportTopic,
      ResidentTopic,
      SupplyTopic,
      VaccinationTopic,
    ]);
    im = () => request(system.upstream.getHttpServer());
  });

  afterAll(async () => {
    await system?.stop();
  });

  it('ReportMissed opens a township case, the ladder lifts it to the county, a late DailyReportSubmitted resolves it', async () => {
    const unitId = 'im-rm';
    await register(unitId);
    clock.set('2026-03-02T02:00:30Z'); // 10:00:30 Beijing: the default deadline has passed
    await im().post('/daily-reports/deadline-sweeps').set(bearer(admin)).expect(201);
    const missed = await system.upstreamEvent(DailyReportTopic, ReportMissedV1.type, (m) => m.key === unitId);

    const ref = { caseType: 'report-missed', subjectId: unitId };
    const opened = await system.caseEvent(CaseEvents.opened, ref);
    expect(opened.json).toMatchObject({
      level: 'township',
      unitId,
      divisionCode: '330521101',
      triggeringEventId: missed.headers.ce_id,
      reportedTo: null,
    });
    expect(opened.headers.ce_causationid).toBe(missed.headers.ce_id);

    const escalated = await system.escalatePastNextRung(opened);
    expect(escalated.json).toMatchObject({ caseId: opened.json.caseId, fromLevel: 'township', toLevel: 'county' });

    const late = await im()
      .post(`/institutions/${unitId}/daily-reports`)
      .set(bearer(staffOf(unitId)))
      .send({ reportDate: '2026-03-02', counts })
      .expect(201);
    expect(late.body.late).toBe(true);
    const submitted = await system.upstreamEvent(DailyReportTopic, DailyReportSubmittedV1.type, (m) => m.key === unitId);
    const resolved = await system.caseEvent(CaseEvents.resolved, ref);
    expect(resolved.json).toMatchObject({
      caseId: opened.json.caseId,
      level: 'county',
      resolution: 'late-report-received',
      resolvingEventId: submitted.headers.ce_id,
    });
    expect(resolved.headers.ce_causationid).toBe(submitted.headers.ce_id);
  });

  it('SymptomCaseReported opens an urgent case at the county, reported to the province at once (seed 004); ResidentTransferred of that symptom case resolves it', async () => {
    const unitId = 'im-sc';
    const staff = staffOf(unitId);
    await register(unitId);
    clock.set('2026-03-02T07:00:00Z');
    const residentId = (await im().post(`/institutions/${unitId}/residents`).set(bearer(staff)).send({ name: '张阿婆' }).expect(201)).body
      .residentId as string;
    const reading = await im()
      .post(`/institutions/${unitId}/residents/${residentId}/temperature-readings`)
      .set(bearer(staff))
      .send({ temperatureC: 37.8, symptoms: ['cough'] })
      .expect(201);
    const symptomCaseId = reading.body.openSymptomCaseId as string;
    const reported = await system.upstreamEvent(ResidentTopic, SymptomCaseReportedV1.type, (m) => m.json?.symptomCaseId === symptomCaseId);
    expect(reported.json).toMatchObject({ unitId, urgent: true });

    const ref = { caseType: 'symptom-case', subjectId: unitId };
    const opened = await system.caseEvent(CaseEvents.opened, ref);
    expect(opened.json).toMatchObject({
      level: 'county',
      reportedTo: 'province',
      unitId,
      triggeringEventId: reported.headers.ce_id,
      nextEscalationAt: '2026-03-02T09:00:00.000Z',
    });
    expect(opened.headers.ce_causationid).toBe(reported.headers.ce_id);
    expect(JSON.stringify(opened.json)).not.toContain('张阿婆');

    const escalated = await system.escalatePastNextRung(opened);
    expect(escalated.json).toMatchObject({ caseId: opened.json.caseId, fromLevel: 'county', toLevel: 'city' });

    await im()
      .post(`/institutions/${unitId}/residents/${residentId}/transfers`)
      .set(bearer(staff))
      .send({ hospital: '德清县人民医院（定点医院）' })
      .expect(201);
    const transferred = await system.upstreamEvent(
      ResidentTopic,
      ResidentTransferredV1.type,
      (m) => m.json?.symptomCaseId === symptomCaseId,
    );
    const resolved = await system.caseEvent(CaseEvents.resolved, ref);
    expect(resolved.json).toMatchObject({
      caseId: opened.json.caseId,
      level: 'city',
      resolution: 'resident-transferred',
      resolvingEventId: transferred.headers.ce_id,
    });
  });

  it('SupplyShortageDetected opens a township case, escalated to the county after a day; SupplyShortageCleared by a restock resolves it', async () => {
    const unitId = 'im-sup';
    await register(unitId);
    await im().put(`/institutions/${unitId}/supplies/masks`).set(bearer(county)).send({ stock: 100, dailyUse: 10 }).expect(200); // 10 days of cover < 30
    const detected = await system.upstreamEvent(SupplyTopic, SupplyShortageDetectedV1.type, (m) => m.key === unitId);

    const ref = { caseType: 'supply-shortage', subjectId: unitId };
    const opened = await system.caseEvent(CaseEvents.opened, ref);
    expect(opened.json).toMatchObject({ level: 'township', unitId, triggeringEventId: detected.headers.ce_id });

    const escalated = await system.escalatePastNextRung(opened);
    expect(escalated.json).toMatchObject({ caseId: opened.json.caseId, fromLevel: 'township', toLevel: 'county' });

    const restock = await im()
      .post(`/institutions/${unitId}/supplies/masks/receipts`)
      .set(bearer(staffOf(unitId)))
      .send({ quantity: 200, receiptId: 'RK-E2E-1' })
      .expect(201);
    expect(restock.body).toMatchObject({ status: 'ok', daysOfCover: 30 });
    const cleared = await system.upstreamEvent(SupplyTopic, SupplyShortageClearedV1.type, (m) => m.key === unitId);
    const resolved = await system.caseEvent(CaseEvents.resolved, ref);
    expect(resolved.json).toMatchObject({
      caseId: opened.json.caseId,
      level: 'county',
      resolution: 'supply-restored',
      resolvingEventId: cleared.headers.ce_id,
    });
  });

  it('VaccinationCoverageBelowFloor opens a county case, escalated to the city; VaccinationCoverageRestored resolves it', async () => {
    const unitId = 'im-vac';
    await register(unitId);
    const below = await im()
      .put(`/institutions/${unitId}/vaccination`)
      .set(bearer(county))
      .send({ residents: { eligible: 100, vaccinated: 80 }, staff: { eligible: 10, vaccinated: 10 } })
      .expect(200);
    expect(below.body.residents).toMatchObject({ belowFloor: true });
    const fell = await system.upstreamEvent(VaccinationTopic, VaccinationCoverageBelowFloorV1.type, (m) => m.key === unitId);

    const ref = { caseType: 'vaccination-below-floor', subjectId: unitId };
    const opened = await system.caseEvent(CaseEvents.opened, ref);
    expect(opened.json).toMatchObject({ level: 'county', unitId, triggeringEventId: fell.headers.ce_id });

    const escalated = await system.escalatePastNextRung(opened);
    expect(escalated.json).toMatchObject({ caseId: opened.json.caseId, fromLevel: 'county', toLevel: 'city' });

    await im()
      .put(`/institutions/${unitId}/vaccination`)
      .set(bearer(county))
      .send({ residents: { eligible: 100, vaccinated: 95 }, staff: { eligible: 10, vaccinated: 10 } })
      .expect(200);
    const restored = await system.upstreamEvent(VaccinationTopic, VaccinationCoverageRestoredV1.type, (m) => m.key === unitId);
    const resolved = await system.caseEvent(CaseEvents.resolved, ref);
    expect(resolved.json).toMatchObject({
      caseId: opened.json.caseId,
      level: 'city',
      resolution: 'coverage-restored',
      resolvingEventId: restored.headers.ce_id,
    });
  });

  it('leaves every case it opened resolved, one per signal, readable by the county', async () => {
    const cases = (await request(system.supervision.getHttpServer()).get('/cases').set(bearer(county)).expect(200)).body as {
      caseType: string;
      subjectId: string;
      status: string;
    }[];
    expect(cases.map((c) => [c.caseType, c.subjectId, c.status]).sort()).toEqual([
      ['report-missed', 'im-rm', 'resolved'],
      ['supply-shortage', 'im-sup', 'resolved'],
      ['symptom-case', 'im-sc', 'resolved'],
      ['vaccination-below-floor', 'im-vac', 'resolved'],
    ]);
  });
});
