import {
  CapacityRecoveredV1,
  CapacityStrainedV1,
  DisinfectionRoundMissedV1,
  EquipmentFaultReportedV1,
  EquipmentRepairedV1,
  EquipmentTopic,
  FuneralHomeTopic,
} from '@civil/contracts';
import { SettableClock } from '@civil/kernel';
import { bearer, isolatedRun } from '@civil/testing';
import request from 'supertest';
import { admin, CaseEvents, startSupervisionWithUpstream, SupervisionWithUpstream } from './supervision-with-upstream';

const DISINFECTION_HOME = 'e2e-fd-home';
const EQUIPMENT_HOME = 'e2e-fe-home';
const CAPACITY_HOME = 'e2e-fc-home';

/**
 * Every funeral-operations signal supervision acts on, end to end: a missed disinfection round
 * (resolved by an officer: no event clears it), an equipment fault left unrepaired past the
 * region's limit (supervision's own watch and sweep; a fault repaired in time never becomes a
 * case), strained capacity — each real event from the real service opens a case linked to its
 * ce_id, the ladder escalates it, and the real clearing event resolves it, linked the same way.
 */
describe('funeral-operations signals → supervision cases, end to end', () => {
  const run = isolatedRun('e2e-sig-fo');
  const clock = new SettableClock('2026-03-06T00:00:00Z'); // 08:00 Beijing
  const county = { sub: 'task-force-330521', roles: ['county-officer' as const], jurisdiction: '330521' };
  const city = { sub: 'city-huzhou', roles: ['city-officer' as const], jurisdiction: '3305' };
  const staffOf = (homeId: string) => ({ sub: `staff-${homeId}`, roles: ['unit-staff' as const], jurisdiction: '330521', unitId: homeId });
  let system: SupervisionWithUpstream;
  let fo: () => ReturnType<typeof request>;
  let sv: () => ReturnType<typeof request>;

  const registerHome = async (homeId: string, crowdedAreas: string[], coldStorageSlots: number) => {
    await fo()
      .post('/funeral-homes')
      .set(bearer(county))
      .send({
        homeId,
        name: `${homeId} 殡仪馆`,
        divisionCode: '330521',
        openingHours: { start: '08:00', end: '18:00' },
        coldStorageSlots,
        bodyCarts: 2,
        crowdedAreas,
      })
      .expect(201);
    await fo()
      .post(`/funeral-homes/${homeId}/equipment`)
      .set(bearer(county))
      .send({ equipmentId: `${homeId}-v1`, kind: 'vehicle', name: '接运车' })
      .expect(201);
    await fo()
      .post(`/funeral-homes/${homeId}/equipment`)
      .set(bearer(county))
      .send({ equipmentId: `${homeId}-c1`, kind: 'cremator', name: '1号炉', hours: { start: '08:00', end: '17:00' } })
      .expect(201);
  };

  beforeAll(async () => {
    system = await startSupervisionWithUpstream(run, clock, 'funeral-operations', [FuneralHomeTopic, EquipmentTopic]);
    fo = () => request(system.upstream.getHttpServer());
    sv = () => request(system.supervision.getHttpServer());
    await registerHome(DISINFECTION_HOME, ['告别厅'], 10);
    await registerHome(EQUIPMENT_HOME, [], 10);
    await registerHome(CAPACITY_HOME, [], 2);
    await fo()
      .post(`/funeral-homes/${DISINFECTION_HOME}/staff`)
      .set(bearer(staffOf(DISINFECTION_HOME)))
      .send({ staffId: 'fd-d1', name: '王消杀', role: 'disinfection', recalledRetiree: false })
      .expect(201);
  });

  afterAll(async () => {
    await system?.stop();
  });

  it('DisinfectionRoundMissed opens a county case, escalated to the city; only an officer at that level resolves it by hand, once', async () => {
    clock.set('2026-03-06T02:00:30Z'); // 10:00:30 Beijing: the first round (due two hours after opening) was never done
    const swept = await fo().post('/disinfection/missed-round-sweeps').set(bearer(admin)).expect(200);
    expect(swept.body.recorded).toBe(1);
    const missed = await system.upstreamEvent(FuneralHomeTopic, DisinfectionRoundMissedV1.type, (m) => m.key === DISINFECTION_HOME);

    const ref = { caseType: 'disinfection-missed', subjectId: DISINFECTION_HOME };
    const opened = await system.caseEvent(CaseEvents.opened, ref);
    expect(opened.json).toMatchObject({
      level: 'county',
      unitId: DISINFECTION_HOME,
      divisionCode: '330521',
      triggeringEventId: missed.headers.ce_id,
    });
    expect(opened.headers.ce_causationid).toBe(missed.headers.ce_id);

    const escalated = await system.escalatePastNextRung(opened);
    expect(escalated.json).toMatchObject({ caseId: opened.json.caseId, fromLevel: 'county', toLevel: 'city' });

    const caseId = opened.json.caseId as string;
    const below = await sv().post(`/cases/${caseId}/resolve`).set(bearer(county)).send({ note: '已补做消杀' }).expect(403);
    expect(below.body).toMatchObject({ error: 'BelowCaseLevel' });
    const done = await sv().post(`/cases/${caseId}/resolve`).set(bearer(city)).send({ note: '已补做消杀并留档' }).expect(200);
    expect(done.body).toMatchObject({ status: 'resolved', resolution: 'resolved-by-officer' });
    const resolved = await system.caseEvent(CaseEvents.resolved, ref);
    expect(resolved.json).toMatchObject({
      caseId,
      level: 'city',
      resolution: 'resolved-by-officer',
      note: '已补做消杀并留档',
      resolvingEventId: expect.any(String),
    });

    const again = await sv().post(`/cases/${caseId}/resolve`).set(bearer(city)).send({ note: '重复办结' }).expect(409);
    expect(again.body).toMatchObject({ error: 'CaseResolved' });
    expect(system.caseEvents(CaseEvents.resolved, ref)).toHaveLength(1);
  });

  it('EquipmentFaultReported left unrepaired past the 24 h limit becomes a county case at the sweep, escalated to the city; EquipmentRepaired resolves it; a fault repaired in time never opens one', async () => {
    const staff = staffOf(EQUIPMENT_HOME);
    const vehicle = `${EQUIPMENT_HOME}-v1`;
    const cremator = `${EQUIPMENT_HOME}-c1`;
    clock.set('2026-03-07T00:30:00Z');
    await fo()
      .post(`/funeral-homes/${EQUIPMENT_HOME}/equipment/${vehicle}/faults`)
      .set(bearer(staff))
      .send({ faultId: 'fe-f1', description: '制动异响', outOfService: false })
      .expect(201);
    await fo()
      .post(`/funeral-homes/${EQUIPMENT_HOME}/equipment/${cremator}/faults`)
      .set(bearer(staff))
      .send({ faultId: 'fe-f2', description: '主燃烧器点火失败', outOfService: true })
      .expect(201);
    const reported = await system.upstreamEvent(EquipmentTopic, EquipmentFaultReportedV1.type, (m) => m.json?.faultId === 'fe-f2');

    clock.set('2026-03-07T02:30:00Z'); // the vehicle is repaired two hours later: in time
    await fo()
      .post(`/funeral-homes/${EQUIPMENT_HOME}/equipment/${vehicle}/faults/fe-f1/repair`)
      .set(bearer(staff))
      .send({ notes: '更换刹车片' })
      .expect(200);
    await system.upstreamEvent(EquipmentTopic, EquipmentRepairedV1.type, (m) => m.json?.faultId === 'fe-f1');
    await system.supervisionCaughtUp(EquipmentTopic); // both reports and the repair are in supervision's watch

    clock.set('2026-03-08T00:30:00Z'); // exactly 24 h: a repair now would still be in time
    expect((await sv().post('/cases/equipment-sweep').set(bearer(admin)).expect(201)).body).toEqual({ opened: 0 });
    clock.set('2026-03-08T00:31:00Z');
    expect((await sv().post('/cases/equipment-sweep').set(bearer(admin)).expect(201)).body).toEqual({ opened: 1 });

    const ref = { caseType: 'equipment-unrepaired', subjectId: cremator };
    const opened = await system.caseEvent(CaseEvents.opened, ref);
    expect(opened.json).toMatchObject({
      level: 'county',
      unitId: EQUIPMENT_HOME,
      divisionCode: '330521',
      triggeringEventId: reported.headers.ce_id,
    });
    expect(opened.headers.ce_causationid).toBe(reported.headers.ce_id);

    const escalated = await system.escalatePastNextRung(opened);
    expect(escalated.json).toMatchObject({ caseId: opened.json.caseId, fromLevel: 'county', toLevel: 'city' });

    await fo()
      .post(`/funeral-homes/${EQUIPMENT_HOME}/equipment/${cremator}/faults/fe-f2/repair`)
      .set(bearer(staff))
      .send({ notes: '更换点火器' })
      .expect(200);
    const repaired = await system.upstreamEvent(EquipmentTopic, EquipmentRepairedV1.type, (m) => m.json?.faultId === 'fe-f2');
    const resolved = await system.caseEvent(CaseEvents.resolved, ref);
    expect(resolved.json).toMatchObject({
      caseId: opened.json.caseId,
      level: 'city',
      resolution: 'equipment-repaired',
      resolvingEventId: repaired.headers.ce_id,
    });
    expect(system.caseEvents(CaseEvents.opened, { caseType: 'equipment-unrepaired', subjectId: vehicle })).toEqual([]);
  });

  it('CapacityStrained opens a county case, escalated to the city; CapacityRecovered after a cremation frees a slot resolves it', async () => {
    const staff = staffOf(CAPACITY_HOME);
    clock.set('2026-03-09T01:00:00Z'); // 09:00 Beijing
    const caseIds: string[] = [];
    for (const slot of [1, 2]) {
      const id = (
        await fo()
          .post('/funeral-cases')
          .set(bearer(staff))
          .send({ homeId: CAPACITY_HOME, deceased: { name: '吴十' }, diedAt: '2026-03-08T20:00:00Z', infectious: false, place: '家中' })
          .expect(201)
      ).body.caseId as string;
      await fo()
        .post(`/funeral-cases/${id}/dispatch`)
        .set(bearer(staff))
        .send({ vehicleId: `${CAPACITY_HOME}-v1` })
        .expect(200);
      await fo().post(`/funeral-cases/${id}/pick-up`).set(bearer(staff)).send({ place: '家中' }).expect(200);
      await fo().post(`/funeral-cases/${id}/storage`).set(bearer(staff)).send({ slot }).expect(200);
      caseIds.push(id);
    }
    const strained = await system.upstreamEvent(FuneralHomeTopic, CapacityStrainedV1.type, (m) => m.key === CAPACITY_HOME);
    expect(strained.json).toMatchObject({ measure: 'cold-storage', ratio: 1 });

    const ref = { caseType: 'capacity-strained', subjectId: CAPACITY_HOME };
    const opened = await system.caseEvent(CaseEvents.opened, ref);
    expect(opened.json).toMatchObject({
      level: 'county',
      unitId: CAPACITY_HOME,
      divisionCode: '330521',
      triggeringEventId: strained.headers.ce_id,
      nextEscalationAt: '2026-03-09T05:00:00.000Z',
    });
    expect(opened.headers.ce_causationid).toBe(strained.headers.ce_id);

    const escalated = await system.escalatePastNextRung(opened);
    expect(escalated.json).toMatchObject({ caseId: opened.json.caseId, fromLevel: 'county', toLevel: 'city' });

    await fo()
      .post(`/funeral-homes/${CAPACITY_HOME}/staff`)
      .set(bearer(county))
      .send({ staffId: 'fc-op1', name: '郑师傅', role: 'operator', recalledRetiree: false })
      .expect(201);
    await fo().post(`/funeral-cases/${caseIds[0]}/cremation-booking`).set(bearer(staff)).send({}).expect(200);
    await fo()
      .post(`/funeral-cases/${caseIds[0]}/cremation`)
      .set(bearer(staff))
      .send({ operatorStaffId: 'fc-op1', startedAt: '2026-03-09T03:00:00Z', endedAt: '2026-03-09T04:30:00Z' })
      .expect(200);
    const recovered = await system.upstreamEvent(FuneralHomeTopic, CapacityRecoveredV1.type, (m) => m.key === CAPACITY_HOME);
    expect(recovered.json).toMatchObject({ episodeId: strained.json.episodeId, ratio: 0.5 });
    const resolved = await system.caseEvent(CaseEvents.resolved, ref);
    expect(resolved.json).toMatchObject({
      caseId: opened.json.caseId,
      level: 'city',
      resolution: 'capacity-recovered',
      resolvingEventId: recovered.headers.ce_id,
    });
  });

  it('leaves exactly one case per signal, all resolved, none for the fault repaired in time', async () => {
    const cases = (await sv().get('/cases').set(bearer(city)).expect(200)).body as {
      caseType: string;
      subjectId: string;
      status: string;
    }[];
    expect(cases.map((c) => [c.caseType, c.subjectId, c.status]).sort()).toEqual([
      ['capacity-strained', CAPACITY_HOME, 'resolved'],
      ['disinfection-missed', DISINFECTION_HOME, 'resolved'],
      ['equipment-unrepaired', `${EQUIPMENT_HOME}-c1`, 'resolved'],
    ]);
  });
});
