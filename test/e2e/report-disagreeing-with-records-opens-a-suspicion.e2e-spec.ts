import {
  DailyReportCorrectedV1,
  DailyReportInconsistentV1,
  DailyReportSubmittedV1,
  DailyReportTopic,
  ResidentTopic,
  SupplyStockUnaccountedV1,
  SupplyTopic,
  VaccinationTopic,
} from '@civil/contracts';
import { SettableClock } from '@civil/kernel';
import { createKafka, KafkaEventPublisher, TopicNames } from '@civil/messaging';
import { bearer, isolatedRun, kafkaBrokers, RecordedMessage, waitFor } from '@civil/testing';
import request from 'supertest';
import { admin, CaseEvents, startSupervisionWithUpstream, SupervisionWithUpstream } from './supervision-with-upstream';

/**
 * A daily report is a statement of fact (瞒报漏报 — concealment and under-reporting — is on seed
 * 000's accountability list, as is 挪用物资): a report that says less than the unit's own records
 * is accepted, and DailyReportInconsistent goes out in the same write; supervision opens a
 * suspicion case that an officer confirms (accountability follows) or dismisses. Cases a report
 * counts that no SymptomCaseReported covers open the urgent path by themselves (seed 004: reported
 * at once). Stock a count finds gone without recorded use is published and opens a case too.
 */
describe('a report that disagrees with the unit’s own records → a suspicion case (seed 000 瞒报漏报 / 挪用物资, seed 004)', () => {
  const run = isolatedRun('e2e-fact');
  const clock = new SettableClock('2026-03-02T00:30:00Z'); // 08:30 Beijing, 2 March
  const day = '2026-03-02';
  const county = { sub: 'officer-deqing', roles: ['county-officer' as const], jurisdiction: '330521' };
  const township = { sub: 'officer-wukang', roles: ['township-officer' as const], jurisdiction: '330521101' };
  const staffOf = (unitId: string) => ({ sub: `staff-${unitId}`, roles: ['unit-staff' as const], jurisdiction: '330521101', unitId });
  const counts = {
    residents: 2,
    staffOnDuty: 5,
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
  let system: SupervisionWithUpstream;
  let im: () => ReturnType<typeof request>;
  let sv: () => ReturnType<typeof request>;
  let publisher: KafkaEventPublisher;

  const register = (unitId: string) =>
    im()
      .post('/institutions')
      .set(bearer(county))
      .send({
        unitId,
        name: `${unitId} 敬老院`,
        unitType: 'elderly-care-home',
        operator: 'public',
        divisionCode: '330521101',
        beds: 20,
        bedsInUse: 2,
      })
      .expect(201);
  const admit = async (unitId: string, name: string) =>
    (
      await im()
        .post(`/institutions/${unitId}/residents`)
        .set(bearer(staffOf(unitId)))
        .send({ name })
        .expect(201)
    ).body.residentId as string;
  const report = (unitId: string, c: Partial<typeof counts>) =>
    im()
      .post(`/institutions/${unitId}/daily-reports`)
      .set(bearer(staffOf(unitId)))
      .send({ reportDate: day, counts: { ...counts, ...c } })
      .expect(201);
  const inconsistencyOf = (unitId: string) =>
    system.upstreamEvent(DailyReportTopic, DailyReportInconsistentV1.type, (m) => m.key === unitId);
  const suspicion = (unitId: string) => ({ caseType: 'report-inconsistent', subjectId: unitId });

  beforeAll(async () => {
    system = await startSupervisionWithUpstream(run, clock, 'institution-monitoring', [
      DailyReportTopic,
      ResidentTopic,
      SupplyTopic,
      VaccinationTopic,
    ]);
    im = () => request(system.upstream.getHttpServer());
    sv = () => request(system.supervision.getHttpServer());
    publisher = new KafkaEventPublisher(
      createKafka({ brokers: kafkaBrokers(), clientId: 'e2e-fact-redeliver' }),
      new TopicNames(run.topicPrefix),
    );
  });

  afterAll(async () => {
    await publisher?.disconnect();
    await system?.stop();
  });

  it('0 suspected and 0 isolated while a resident is isolated on the symptom path → DailyReportInconsistent → a suspicion case; confirmed, it opens 瞒报漏报 accountability', async () => {
    const unitId = 'fact-sym';
    await register(unitId);
    const residentId = await admit(unitId, '王阿公');
    await admit(unitId, '李阿婆');
    await im()
      .post(`/institutions/${unitId}/residents/${residentId}/temperature-readings`)
      .set(bearer(staffOf(unitId)))
      .send({ temperatureC: 38.1, symptoms: ['cough'] })
      .expect(201);

    const accepted = await report(unitId, {});
    expect(accepted.body.discrepancies).toEqual([
      { field: 'suspected', rule: 'suspected-below-open-symptom-cases', reported: 0, recorded: 1 },
      { field: 'isolated', rule: 'isolated-below-residents-isolated', reported: 0, recorded: 1 },
    ]);
    const submitted = await system.upstreamEvent(DailyReportTopic, DailyReportSubmittedV1.type, (m) => m.key === unitId);
    const inconsistent = await inconsistencyOf(unitId);
    expect(inconsistent.json).toMatchObject({
      unitId,
      reportId: `${unitId}:${day}`,
      reportDate: day,
      dailyReportEventId: submitted.headers.ce_id,
      casesWithoutSymptomReport: 0,
    });
    expect(inconsistent.json.discrepancies).toHaveLength(2);
    expect(JSON.stringify(inconsistent.json)).not.toMatch(/王阿公|李阿婆|residentRef/);

    const opened = await system.caseEvent(CaseEvents.opened, suspicion(unitId));
    expect(opened.json).toMatchObject({ level: 'county', unitId, triggeringEventId: inconsistent.headers.ce_id, reportedTo: null });

    // not a suspicion: the symptom case the unit did report is not confirmed or dismissed
    const symptomCase = await system.caseEvent(CaseEvents.opened, { caseType: 'symptom-case', subjectId: unitId });
    const refused = await sv().post(`/cases/${symptomCase.json.caseId}/confirm`).set(bearer(county)).send({ note: '核实' }).expect(409);
    expect(refused.body.error).toBe('NotASuspicion');
    // held at county level: a township officer may not decide it; a note is required
    await sv().post(`/cases/${opened.json.caseId}/confirm`).set(bearer(township)).send({ note: '核实属实' }).expect(403);
    const blank = await sv().post(`/cases/${opened.json.caseId}/confirm`).set(bearer(county)).send({}).expect(400);
    expect(JSON.stringify(blank.body)).toContain('note');

    const confirmed = await sv()
      .post(`/cases/${opened.json.caseId}/confirm`)
      .set(bearer(county))
      .send({ note: '经核实，当日症状隔离1人未如实上报' })
      .expect(200);
    expect(confirmed.body.case).toMatchObject({ status: 'resolved', resolution: 'suspicion-confirmed' });
    const resolved = await system.caseEvent(CaseEvents.resolved, suspicion(unitId));
    expect(resolved.json).toMatchObject({ resolution: 'suspicion-confirmed', note: '经核实，当日症状隔离1人未如实上报' });

    const ac = await sv().get(`/accountability-cases/${confirmed.body.accountabilityCaseId}`).set(bearer(admin)).expect(200);
    expect(ac.body).toMatchObject({
      trigger: 'concealed-or-underreported',
      subject: { kind: 'unit', id: unitId },
      sourceCaseId: opened.json.caseId,
      status: 'opened',
    });
    expect(ac.body.evidence.map((l: { eventId: string }) => l.eventId)).toEqual(
      expect.arrayContaining([inconsistent.headers.ce_id, resolved.json.resolvingEventId]),
    );
    // confirming again opens nothing more
    const again = await sv().post(`/cases/${opened.json.caseId}/confirm`).set(bearer(county)).send({ note: '再次确认' }).expect(200);
    expect(again.body.accountabilityCaseId).toBe(confirmed.body.accountabilityCaseId);
    const all = await sv().get('/accountability-cases').set(bearer(admin)).expect(200);
    expect(all.body.filter((c: { sourceCaseId: string }) => c.sourceCaseId === opened.json.caseId)).toHaveLength(1);
  });

  it('fewer deaths than residents recorded dead that day, and a resident count off the roll → a suspicion the officer dismisses with the reason', async () => {
    const unitId = 'fact-death';
    await register(unitId);
    const residentId = await admit(unitId, '赵阿婆');
    await admit(unitId, '钱阿公');
    await im()
      .post(`/institutions/${unitId}/residents/${residentId}/death`)
      .set(bearer(staffOf(unitId)))
      .send({ diedAt: '2026-03-02T00:30:00Z', cause: 'natural', infectious: false })
      .expect(201);

    // the roll holds 1 now; the report says 9 (tolerance 2) and no death
    await report(unitId, { residents: 9 });
    const inconsistent = await inconsistencyOf(unitId);
    expect(inconsistent.json.discrepancies).toEqual([
      { field: 'deaths', rule: 'deaths-below-recorded-deaths', reported: 0, recorded: 1 },
      { field: 'residents', rule: 'residents-off-the-roll', reported: 9, recorded: 1 },
    ]);
    const opened = await system.caseEvent(CaseEvents.opened, suspicion(unitId));

    const missing = await sv().post(`/cases/${opened.json.caseId}/dismiss`).set(bearer(county)).send({ reason: 1 }).expect(400);
    expect(JSON.stringify(missing.body)).toContain('reason');
    const dismissed = await sv()
      .post(`/cases/${opened.json.caseId}/dismiss`)
      .set(bearer(county))
      .send({ reason: '台账录入有误，日报告属实' })
      .expect(200);
    expect(dismissed.body).toMatchObject({ status: 'resolved', resolution: 'suspicion-dismissed' });
    const resolved = await system.caseEvent(CaseEvents.resolved, suspicion(unitId));
    expect(resolved.json).toMatchObject({ resolution: 'suspicion-dismissed', note: '台账录入有误，日报告属实' });
    await sv().post(`/cases/${opened.json.caseId}/dismiss`).set(bearer(county)).send({ reason: '再次' }).expect(409);
    const all = await sv().get('/accountability-cases').set(bearer(admin)).expect(200);
    expect(all.body.filter((c: { sourceCaseId: string }) => c.sourceCaseId === opened.json.caseId)).toHaveLength(0);
  });

  it('vaccination and days of cover above the unit’s records → a suspicion (seed 000 瞒报漏报)', async () => {
    const unitId = 'fact-vac';
    await register(unitId);
    await im()
      .put(`/institutions/${unitId}/vaccination`)
      .set(bearer(county))
      .send({ residents: { eligible: 2, vaccinated: 0 }, staff: { eligible: 5, vaccinated: 1 } })
      .expect(200);
    await im().put(`/institutions/${unitId}/supplies/masks`).set(bearer(county)).send({ stock: 100, dailyUse: 10 }).expect(200); // 10 days
    await report(unitId, { vaccinatedResidents: 0, vaccinatedStaff: 5, ppeDaysOfCover: 40 });
    const inconsistent = await inconsistencyOf(unitId);
    expect(inconsistent.json.discrepancies).toEqual([
      { field: 'vaccinatedStaff', rule: 'vaccinated-above-record', reported: 5, recorded: 1 },
      { field: 'ppeDaysOfCover', rule: 'days-of-cover-above-stock', reported: 40, recorded: 10 },
    ]);
    await system.caseEvent(CaseEvents.opened, suspicion(unitId), (m) => m.json.triggeringEventId === inconsistent.headers.ce_id);
  });

  it('suspected cases no SymptomCaseReported covers open the urgent symptom path by themselves (reported to the province at once), and a redelivery opens nothing twice', async () => {
    const unitId = 'fact-urgent';
    await register(unitId);
    await admit(unitId, '孙阿婆');
    await report(unitId, { residents: 1, suspected: 2, isolated: 2 });
    const inconsistent = await inconsistencyOf(unitId);
    expect(inconsistent.json).toMatchObject({
      casesWithoutSymptomReport: 2,
      discrepancies: [{ field: 'suspected', rule: 'cases-without-symptom-report', reported: 2, recorded: 0 }],
    });
    const urgent = await system.caseEvent(CaseEvents.opened, { caseType: 'symptom-case', subjectId: unitId });
    expect(urgent.json).toMatchObject({ level: 'county', reportedTo: 'province', triggeringEventId: inconsistent.headers.ce_id });
    await system.caseEvent(CaseEvents.opened, suspicion(unitId));

    await redeliver(inconsistent);
    await system.supervisionCaughtUp(DailyReportTopic);
    for (const ref of [suspicion(unitId), { caseType: 'symptom-case', subjectId: unitId }]) {
      expect(system.caseEvents(CaseEvents.opened, ref)).toHaveLength(1);
      const [c] = (await sv().get(`/cases?caseType=${ref.caseType}`).set(bearer(county)).expect(200)).body.filter(
        (x: { subjectId: string }) => x.subjectId === unitId,
      );
      expect(c).toMatchObject({ status: 'open', occurrences: 1 });
    }
  });

  it('a report that agrees with the records publishes nothing more than the report', async () => {
    const unitId = 'fact-ok';
    await register(unitId);
    await admit(unitId, '周阿公');
    await admit(unitId, '吴阿婆');
    const accepted = await report(unitId, {});
    expect(accepted.body.discrepancies).toEqual([]);
    // a later write of the same report (same key, same partition) comes after anything the first one published
    await im()
      .put(`/institutions/${unitId}/daily-reports/${day}`)
      .set(bearer(staffOf(unitId)))
      .send({ counts: { ...counts, staffOnDuty: 6 }, reason: '值班人数更正' })
      .expect(200);
    await system.upstreamEvent(DailyReportTopic, DailyReportCorrectedV1.type, (m) => m.key === unitId);
    expect(system.recorder.of(system.topic(DailyReportTopic), DailyReportInconsistentV1.type).filter((m) => m.key === unitId)).toEqual([]);
    await system.supervisionCaughtUp(DailyReportTopic);
    expect(system.caseEvents(CaseEvents.opened, suspicion(unitId))).toEqual([]);
  });

  it('a correction that takes the figures below the records is checked as a filing is: DailyReportInconsistent names the correction', async () => {
    const unitId = 'fact-corr';
    await register(unitId);
    const residentId = await admit(unitId, '陈阿婆');
    await admit(unitId, '褚阿公');
    await im()
      .post(`/institutions/${unitId}/residents/${residentId}/temperature-readings`)
      .set(bearer(staffOf(unitId)))
      .send({ temperatureC: 38.0, symptoms: [] })
      .expect(201);
    const filed = await report(unitId, { suspected: 1, isolated: 1 });
    expect(filed.body.discrepancies).toEqual([]);
    await im()
      .put(`/institutions/${unitId}/daily-reports/${day}`)
      .set(bearer(staffOf(unitId)))
      .send({ counts: counts, reason: '更正为零' })
      .expect(200);
    const corrected = await system.upstreamEvent(DailyReportTopic, DailyReportCorrectedV1.type, (m) => m.key === unitId);
    const inconsistent = await inconsistencyOf(unitId);
    expect(inconsistent.json).toMatchObject({ dailyReportEventId: corrected.headers.ce_id });
    expect(inconsistent.json.discrepancies.map((d: { field: string }) => d.field)).toEqual(['suspected', 'isolated']);
    await system.caseEvent(CaseEvents.opened, suspicion(unitId), (m) => m.json.triggeringEventId === inconsistent.headers.ce_id);
  });

  it('a late report for an earlier day is compared on that day’s deaths only (levels stand as they are now); the checks are labelled', async () => {
    const unitId = 'fact-late';
    await register(unitId);
    const dies = await admit(unitId, '郑阿公');
    const fever = await admit(unitId, '冯阿婆');
    await im()
      .post(`/institutions/${unitId}/residents/${dies}/death`)
      .set(bearer(staffOf(unitId)))
      .send({ diedAt: clock.now().toISOString(), cause: 'natural', infectious: false })
      .expect(201);
    clock.set('2026-03-03T00:30:00Z'); // the next morning: the 2 March report is late
    await im()
      .post(`/institutions/${unitId}/residents/${fever}/temperature-readings`)
      .set(bearer(staffOf(unitId)))
      .send({ temperatureC: 38.4, symptoms: [] })
      .expect(201);
    const late = await report(unitId, { residents: 30 });
    expect(late.body.late).toBe(true);
    expect(late.body.discrepancies).toEqual([{ field: 'deaths', rule: 'deaths-below-recorded-deaths', reported: 0, recorded: 1 }]);
    const inconsistent = await inconsistencyOf(unitId);
    expect(inconsistent.json.discrepancies).toEqual(late.body.discrepancies);
    await system.caseEvent(CaseEvents.opened, suspicion(unitId));
    const labels = await im().get('/labels').set(bearer(county)).expect(200);
    expect(labels.body.reportFactRule['deaths-below-recorded-deaths']).toBe('死亡人数少于当日死亡登记');
  });

  it('a stock count that finds reserves gone without recorded use → SupplyStockUnaccounted → a 挪用 suspicion; confirmed, it opens 挪用物资 accountability', async () => {
    const unitId = 'fact-stock';
    await register(unitId);
    await im()
      .put(`/institutions/${unitId}/supplies/masks`)
      .set(bearer(staffOf(unitId)))
      .send({ stock: 3600, dailyUse: 120 })
      .expect(200);
    clock.set('2026-03-04T00:30:00Z'); // a day on: the records leave 3480
    await im()
      .put(`/institutions/${unitId}/supplies/masks`)
      .set(bearer(staffOf(unitId)))
      .send({ stock: 3300, dailyUse: 120 })
      .expect(200); // within 3 days' use
    await im()
      .put(`/institutions/${unitId}/supplies/masks`)
      .set(bearer(staffOf(unitId)))
      .send({ stock: 1200, dailyUse: 120 })
      .expect(200);
    const found = await system.upstreamEvent(SupplyTopic, SupplyStockUnaccountedV1.type, (m) => m.key === unitId);
    expect(found.json).toMatchObject({ item: 'masks', expectedStock: 3300, countedStock: 1200, unaccounted: 2100, daysSinceLastCount: 0 });
    expect(system.recorder.of(system.topic(SupplyTopic), SupplyStockUnaccountedV1.type).filter((m) => m.key === unitId)).toHaveLength(1);

    const ref = { caseType: 'reserves-unaccounted', subjectId: unitId };
    const opened = await system.caseEvent(CaseEvents.opened, ref);
    expect(opened.json).toMatchObject({ level: 'county', triggeringEventId: found.headers.ce_id });
    const confirmed = await sv()
      .post(`/cases/${opened.json.caseId}/confirm`)
      .set(bearer(county))
      .send({ note: '经核实，口罩被挪作他用' })
      .expect(200);
    const ac = await sv().get(`/accountability-cases/${confirmed.body.accountabilityCaseId}`).set(bearer(admin)).expect(200);
    expect(ac.body).toMatchObject({ trigger: 'reserves-misused', subject: { kind: 'unit', id: unitId } });
  });

  /** The same record again, as a broker redelivers it. */
  async function redeliver(m: RecordedMessage): Promise<void> {
    await publisher.publish([{ topic: DailyReportTopic.name, key: m.key!, headers: m.headers, value: m.value! }]);
    await waitFor(
      'the redelivered record on the topic',
      () =>
        system.recorder
          .of(system.topic(DailyReportTopic), DailyReportInconsistentV1.type)
          .filter((x) => x.headers.ce_id === m.headers.ce_id).length >= 2 || undefined,
    );
  }
});
