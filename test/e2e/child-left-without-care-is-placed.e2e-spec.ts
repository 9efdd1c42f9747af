import { INestApplication } from '@nestjs/common';
import {
  CarePlacementTopic,
  CaseOpenedV1,
  CaseResolvedV1,
  CaseTopic,
  ChildPlacementAdmittedV1,
  ChildPlacementEndedV1,
  ChildPlacementOverdueClearedV1,
  ChildPlacementOverdueV1,
  ChildPlacementRefusedV1,
  ChildPlacementRequestedV1,
  DailyReportCorrectedV1,
  DailyReportInconsistentV1,
  DailyReportSubmittedV1,
  DailyReportTopic,
  TemporaryCareTopic,
} from '@civil/contracts';
import { createApp as createInstitutionMonitoring, InstitutionMonitoringConfig } from '@civil/institution-monitoring';
import { SettableClock } from '@civil/kernel';
import { TopicNames } from '@civil/messaging';
import { loadConfig } from '@civil/platform';
import { createApp as createSocialRelief, SocialReliefConfig } from '@civil/social-relief';
import { createApp as createSupervision, SupervisionConfig } from '@civil/supervision';
import { bearer, createRunTopics, isolatedRun, serviceEnv, TopicRecorder, waitFor } from '@civil/testing';
import request from 'supertest';
import { admin, fictionalIdNumber } from './supervision-with-upstream';

/**
 * A child on a township's key-person list left without care when the guardian is isolated: the
 * no-guardian flag opens a care placement in social relief; its request travels to institution
 * monitoring, which admits the child into temporary care at an open child welfare home, or refuses at
 * a closed one; a child not placed in time opens an urgent supervision case, which the placement
 * resolves; the end discharges the child. Three services, real Kafka, one clock.
 */
describe('child left without care → placement request → unit admits or refuses → overdue case → end discharges, end to end', () => {
  const run = isolatedRun('e2e-care');
  const clock = new SettableClock('2026-03-04T03:00:00Z'); // 11:00 Beijing
  const names = new TopicNames(run.topicPrefix);
  const careTopic = names.physical(CarePlacementTopic.name);
  const answerTopic = names.physical(TemporaryCareTopic.name);
  const caseTopic = names.physical(CaseTopic.name);
  const reportTopic = names.physical(DailyReportTopic.name);
  const township = { sub: 'cadre-330521101', roles: ['township-officer' as const], jurisdiction: '330521101' };
  const county = { sub: 'officer-330521', roles: ['county-officer' as const], jurisdiction: '330521' };
  const WAIT_MS = 60_000;
  let sr: INestApplication;
  let im: INestApplication;
  let sv: INestApplication;
  let recorder: TopicRecorder;
  const srHttp = () => request(sr.getHttpServer());
  const imHttp = () => request(im.getHttpServer());

  const wire = (topic: string, type: string, key: string) =>
    waitFor(`${type} of ${key}`, () => recorder.of(topic, type).find((m) => m.key === key), WAIT_MS);
  const caseOf = (type: string, placementId: string) =>
    waitFor(
      `${type} of the case about ${placementId}`,
      () => recorder.of(caseTopic, type).find((m) => m.json?.caseType === 'child-placement-overdue' && m.json?.subjectId === placementId),
      WAIT_MS,
    );
  const placement = (placementId: string, where: (p: Record<string, any>) => boolean) =>
    waitFor(
      `placement ${placementId} to move`,
      async () => {
        const got = await srHttp().get(`/care-placements/${placementId}`).set(bearer(county)).expect(200);
        return where(got.body) ? (got.body as Record<string, any>) : undefined;
      },
      WAIT_MS,
    );

  async function childWithoutCare(sequence: number): Promise<string> {
    const added = await srHttp()
      .post('/key-person-lists/330521101/entries')
      .set(bearer(township))
      .send({ name: '吴小满', idNumber: fictionalIdNumber('2015-06-01', sequence), categories: ['de-facto-unsupported-child'] })
      .expect(201);
    const entryId = added.body.entry.entryId as string;
    await srHttp()
      .post(`/key-person-lists/330521101/entries/${entryId}/flags`)
      .set(bearer(township))
      .send({ flag: 'no-guardian', finding: '监护人被隔离收治，儿童无人照料', cause: 'guardian-isolated' })
      .expect(201);
    return waitFor(
      'the placement the flag opens',
      async () => {
        const got = await srHttp().get('/care-placements').query({ entryId }).set(bearer(county)).expect(200);
        return got.body.placements[0]?.placementId as string | undefined;
      },
      WAIT_MS,
    );
  }

  beforeAll(async () => {
    await createRunTopics(run);
    recorder = await new TopicRecorder([careTopic, answerTopic, caseTopic, reportTopic]).start();
    sr = await createSocialRelief(loadConfig(SocialReliefConfig, serviceEnv(run, 'social-relief')), clock);
    im = await createInstitutionMonitoring(loadConfig(InstitutionMonitoringConfig, serviceEnv(run, 'institution-monitoring')), clock);
    sv = await createSupervision(loadConfig(SupervisionConfig, serviceEnv(run, 'supervision')), clock);
    const unit = (unitId: string) => ({
      unitId,
      name: `${unitId} 儿童福利院`,
      unitType: 'child-welfare-home',
      operator: 'public',
      divisionCode: '330521',
      beds: 40,
      bedsInUse: 12,
    });
    await imHttp().post('/institutions').set(bearer(county)).send(unit('u-care-open')).expect(201);
    await imHttp().post('/institutions').set(bearer(county)).send(unit('u-care-closed')).expect(201);
    await imHttp()
      .post('/institutions/u-care-closed/closures')
      .set(bearer(county))
      .send({ orderId: 'co-330521-care', reason: '疫情防控封闭管理' })
      .expect(201);
  });

  afterAll(async () => {
    await recorder?.stop();
    await sr?.close();
    await im?.close();
    await sv?.close();
  });

  it('an open child welfare home admits the child into temporary care, its daily report counts the child, the end discharges it', async () => {
    const placementId = await childWithoutCare(71);
    await srHttp().post(`/care-placements/${placementId}/unit-requests`).set(bearer(county)).send({ unitId: 'u-care-open' }).expect(200);
    const requested = await wire(careTopic, ChildPlacementRequestedV1.type, placementId);
    const admitted = await wire(answerTopic, ChildPlacementAdmittedV1.type, placementId);
    expect(admitted.json).toMatchObject({
      placementId,
      requestNo: 1,
      unitId: 'u-care-open',
      unitType: 'child-welfare-home',
      isolated: false,
    });
    expect(admitted.headers.ce_causationid).toBe(requested.headers.ce_id);
    const placed = await placement(placementId, (p) => p.status === 'placed');
    expect(placed.care).toMatchObject({ kind: 'institution', unitId: 'u-care-open', residentRef: admitted.json.residentRef });

    const residentRef = admitted.json.residentRef as string;
    const resident = await imHttp().get(`/institutions/u-care-open/residents/${residentRef}`).set(bearer(county)).expect(200);
    expect(resident.body).toMatchObject({ status: 'in-residence', temporaryCare: { placementId, requestNo: 1 } });

    // the unit's daily report counts the child: leaving the figure out while holding one disagrees with its records
    const staff = { sub: 'staff-u-care-open', roles: ['unit-staff' as const], jurisdiction: '330521', unitId: 'u-care-open' };
    const counts = {
      residents: 1,
      staffOnDuty: 6,
      newAdmissions: 1,
      temperatureAnomalies: 0,
      suspected: 0,
      confirmed: 0,
      isolated: 0,
      transferred: 0,
      deaths: 0,
      ppeDaysOfCover: 0,
      vaccinatedResidents: 0,
      vaccinatedStaff: 0,
    };
    const filed = await imHttp()
      .post('/institutions/u-care-open/daily-reports')
      .set(bearer(staff))
      .send({ reportDate: '2026-03-04', counts })
      .expect(201);
    const inconsistent = await wire(reportTopic, DailyReportInconsistentV1.type, 'u-care-open');
    expect(inconsistent.json.discrepancies).toEqual([
      { field: 'childrenInTemporaryCare', rule: 'children-in-temporary-care-below-record', reported: 0, recorded: 1 },
    ]);
    expect(filed.body).toBeDefined();
    const submitted = await wire(reportTopic, DailyReportSubmittedV1.type, 'u-care-open');
    expect(submitted.json.counts).not.toHaveProperty('childrenInTemporaryCare');
    await imHttp()
      .put('/institutions/u-care-open/daily-reports/2026-03-04')
      .set(bearer(staff))
      .send({ counts: { ...counts, childrenInTemporaryCare: 1 }, reason: '补报临时照料儿童人数' })
      .expect(200);
    const corrected = await wire(reportTopic, DailyReportCorrectedV1.type, 'u-care-open');
    expect(corrected.json).toMatchObject({ counts: { childrenInTemporaryCare: 1 }, changedFields: ['childrenInTemporaryCare'] });
    await recorder.caughtUp();
    expect(recorder.of(reportTopic, DailyReportInconsistentV1.type)).toHaveLength(1);

    clock.set('2026-03-10T03:00:00Z');
    await srHttp().post(`/care-placements/${placementId}/end`).set(bearer(county)).send({ reason: 'guardian-returned' }).expect(200);
    const ended = await wire(careTopic, ChildPlacementEndedV1.type, placementId);
    expect(ended.json).toMatchObject({ unitId: 'u-care-open', requestNo: 1 });
    await waitFor(
      'the child discharged',
      async () => {
        const got = await imHttp().get(`/institutions/u-care-open/residents/${residentRef}`).set(bearer(county)).expect(200);
        return got.body.status === 'discharged';
      },
      WAIT_MS,
    );
    // nothing personal crossed
    const all = JSON.stringify(recorder.messages.map((m) => m.value));
    expect(all).not.toContain('吴小满');
    expect(recorder.of(caseTopic, CaseOpenedV1.type).filter((m) => m.json?.subjectId === placementId)).toHaveLength(0);
  });

  it('a closed unit refuses; past the limit an urgent case opens; another unit admits and resolves it', async () => {
    clock.set('2026-03-11T03:00:00Z');
    const placementId = await childWithoutCare(72);
    await srHttp().post(`/care-placements/${placementId}/unit-requests`).set(bearer(county)).send({ unitId: 'u-care-closed' }).expect(200);
    const refused = await wire(answerTopic, ChildPlacementRefusedV1.type, placementId);
    expect(refused.json).toMatchObject({ placementId, requestNo: 1, unitId: 'u-care-closed', reason: 'unit-closed' });
    const back = await placement(placementId, (p) => p.status === 'needed');
    expect(back.requests[0]).toMatchObject({
      outcome: 'refused',
      refusalReason: 'unit-closed',
      refusalReasonLabel: '机构封闭管理中，暂停接收',
    });

    clock.set('2026-03-12T03:00:01Z');
    await srHttp().post('/care-placements/overdue-sweeps').set(bearer(admin)).expect(200);
    await srHttp().post('/care-placements/overdue-sweeps').set(bearer(admin)).expect(200);
    const overdue = await wire(careTopic, ChildPlacementOverdueV1.type, placementId);
    const opened = await caseOf(CaseOpenedV1.type, placementId);
    expect(opened.json).toMatchObject({
      level: 'county',
      divisionCode: '330521101',
      unitId: null,
      triggeringEventId: overdue.headers.ce_id,
    });
    expect(opened.value).not.toContain('吴小满');

    await srHttp().post(`/care-placements/${placementId}/unit-requests`).set(bearer(county)).send({ unitId: 'u-care-open' }).expect(200);
    await wire(answerTopic, ChildPlacementAdmittedV1.type, placementId);
    await placement(placementId, (p) => p.status === 'placed');
    const cleared = await wire(careTopic, ChildPlacementOverdueClearedV1.type, placementId);
    expect(cleared.json).toMatchObject({ outcome: 'placed' });
    const admittedElsewhere = recorder.of(answerTopic, ChildPlacementAdmittedV1.type).find((m) => m.key === placementId)!;
    expect(cleared.headers.ce_causationid).toBe(admittedElsewhere.headers.ce_id);
    const resolved = await caseOf(CaseResolvedV1.type, placementId);
    expect(resolved.json).toMatchObject({
      caseId: opened.json.caseId,
      resolution: 'child-placed',
      resolvingEventId: cleared.headers.ce_id,
    });
    await recorder.caughtUp();
    expect(recorder.of(caseTopic, CaseOpenedV1.type).filter((m) => m.json?.subjectId === placementId)).toHaveLength(1);
    expect(recorder.of(careTopic, ChildPlacementOverdueV1.type).filter((m) => m.key === placementId)).toHaveLength(1);
  });
});
