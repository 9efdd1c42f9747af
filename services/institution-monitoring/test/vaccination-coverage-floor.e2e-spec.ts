import { INestApplication } from '@nestjs/common';
import { VaccinationCoverageBelowFloorV1, VaccinationCoverageRestoredV1, VaccinationTopic } from '@civil/contracts';
import { SettableClock } from '@civil/kernel';
import { OutboxRelay, TopicNames } from '@civil/messaging';
import { bearer, isolatedRun, TopicRecorder, waitFor } from '@civil/testing';
import request from 'supertest';
import { admin, countyOfficer, startInstitutionMonitoring, unit } from './support';

describe('vaccination: one BelowFloor and one Restored per group and episode, 91.2% boundary, region view', () => {
  const run = isolatedRun('im-vaccination');
  const clock = new SettableClock('2026-03-02T02:00:00Z');
  const topic = new TopicNames(run.topicPrefix).physical(VaccinationTopic.name);
  const staff1 = { sub: 'staff-1', roles: ['unit-staff' as const], jurisdiction: '330521101', unitId: 'u-vac-1' };
  const staff2 = { sub: 'staff-2', roles: ['unit-staff' as const], jurisdiction: '330521101', unitId: 'u-vac-2' };
  let app: INestApplication;
  let http: ReturnType<typeof request>;
  let recorder: TopicRecorder;

  const g = (eligible: number, vaccinated: number) => ({ eligible, vaccinated });
  const record = (unitId: string, residents: object, staff: object, who: object = countyOfficer) =>
    http
      .put(`/institutions/${unitId}/vaccination`)
      .set(bearer(who as typeof countyOfficer))
      .send({ residents, staff });
  const below = () => recorder.of(topic, VaccinationCoverageBelowFloorV1.type);
  const restored = () => recorder.of(topic, VaccinationCoverageRestoredV1.type);

  beforeAll(async () => {
    app = await startInstitutionMonitoring(run, clock);
    http = request(app.getHttpServer());
    recorder = await new TopicRecorder([topic]).start();
    for (const u of [unit('u-vac-1'), unit('u-vac-2'), unit('u-vac-3', '330521102', 'child-welfare-home'), unit('u-vac-4')]) {
      await http.post('/institutions').set(bearer(countyOfficer)).send(u).expect(201);
    }
    await http.post('/institutions').set(bearer(admin)).send(unit('u-vac-far', '330522101')).expect(201);
  });

  afterAll(async () => {
    await recorder?.stop();
    await app?.close();
  });

  it('treats exactly 91.2% as at the floor, and emits one BelowFloor over several updates below it', async () => {
    const atFloor = await record('u-vac-1', g(1000, 912), g(125, 114), staff1).expect(200);
    expect(atFloor.body).toMatchObject({
      unitId: 'u-vac-1',
      floor: 0.912,
      recorded: true,
      residents: { label: '服务对象', coverage: 0.912, unvaccinatedEligible: 88, belowFloor: false, episodeId: null },
      staff: { label: '工作人员', coverage: 0.912, unvaccinatedEligible: 11, belowFloor: false, episodeId: null },
    });

    clock.set('2026-03-03T02:00:00Z');
    const justBelow = await record('u-vac-1', g(1000, 911), g(125, 114), staff1).expect(200);
    expect(justBelow.body.residents).toMatchObject({
      coverage: 0.911,
      belowFloor: true,
      episodeId: 'u-vac-1:residents:1',
      belowSince: '2026-03-03T02:00:00.000Z',
    });
    clock.set('2026-03-04T02:00:00Z');
    await record('u-vac-1', g(1000, 900), g(125, 114), staff1).expect(200);
    await record('u-vac-1', g(1010, 905), g(125, 114)).expect(200);

    const [event] = await recorder.waitForCount(topic, 1, VaccinationCoverageBelowFloorV1.type);
    expect(event.key).toBe('u-vac-1');
    expect(event.headers.ce_type).toBe('cn.gov.civilaffairs.institution.vaccination-coverage-below-floor.v1');
    expect(event.headers.ce_subject).toBe('u-vac-1:residents:1');
    expect(event.json).toEqual({
      unitId: 'u-vac-1',
      unitType: 'elderly-care-home',
      divisionCode: '330521101',
      episodeId: 'u-vac-1:residents:1',
      group: 'residents',
      eligible: 1000,
      vaccinated: 911,
      coverage: 0.911,
      floor: 0.912,
      unvaccinatedEligible: 89,
      detectedAt: '2026-03-03T02:00:00.000Z',
    });
  });

  it('emits one Restored when back at the floor, and a later fall is a new episode', async () => {
    clock.set('2026-03-05T02:00:00Z');
    const back = await record('u-vac-1', g(1000, 912), g(125, 114), staff1).expect(200);
    expect(back.body.residents).toMatchObject({ coverage: 0.912, belowFloor: false, episodeId: null });
    await record('u-vac-1', g(1000, 950), g(125, 114), staff1).expect(200);

    const [event] = await recorder.waitForCount(topic, 1, VaccinationCoverageRestoredV1.type);
    expect(event.key).toBe('u-vac-1');
    expect(event.headers.ce_type).toBe('cn.gov.civilaffairs.institution.vaccination-coverage-restored.v1');
    expect(event.json).toEqual({
      unitId: 'u-vac-1',
      unitType: 'elderly-care-home',
      divisionCode: '330521101',
      episodeId: 'u-vac-1:residents:1',
      group: 'residents',
      coverage: 0.912,
      floor: 0.912,
      restoredAt: '2026-03-05T02:00:00.000Z',
    });

    clock.set('2026-03-06T02:00:00Z');
    const both = await record('u-vac-1', g(1000, 800), g(125, 113), staff1).expect(200);
    expect(both.body).toMatchObject({
      residents: { episodeId: 'u-vac-1:residents:2' },
      staff: { episodeId: 'u-vac-1:staff:1', coverage: 0.904, unvaccinatedEligible: 12 },
    });
    await app.get(OutboxRelay).flush();
    await waitFor('the staff episode on Kafka', () => below().find((m) => m.json.episodeId === 'u-vac-1:staff:1'));
    expect(below().map((m) => m.json.episodeId)).toEqual(['u-vac-1:residents:1', 'u-vac-1:residents:2', 'u-vac-1:staff:1']);
    expect(restored().map((m) => m.json.episodeId)).toEqual(['u-vac-1:residents:1']);
  });

  it('answers 400 naming the field when vaccinated exceeds eligible or a figure is blank', async () => {
    const over = await record('u-vac-1', g(10, 10), g(5, 6)).expect(400);
    expect(over.body).toMatchObject({ error: 'VaccinatedExceedEligible', details: { field: 'staff.vaccinated' } });
    expect(over.body.message).toContain('staff.vaccinated');
    const blank = await record('u-vac-1', { vaccinated: 3 }, g(5, 5)).expect(400);
    expect(blank.body.fields.map((f: { field: string }) => f.field)).toEqual(['residents.eligible']);
    const missing = await http
      .put('/institutions/u-vac-1/vaccination')
      .set(bearer(countyOfficer))
      .send({ residents: g(1, 1) })
      .expect(400);
    expect(missing.body.fields.map((f: { field: string }) => f.field)).toEqual(['staff']);
    const fraction = await record('u-vac-1', g(10, 9.5), g(5, 5)).expect(400);
    expect(fraction.body.fields).toEqual([{ field: 'residents.vaccinated', reasons: ['must be a whole number'] }]);
    // nothing was written by the refused requests
    const view = await http.get('/institutions/u-vac-1/vaccination').set(bearer(staff1)).expect(200);
    expect(view.body.residents).toMatchObject({ eligible: 1000, vaccinated: 800 });
  });

  it('answers another unit’s staff and a unit outside the caller’s division as an unknown unit (404), and 403 for a region outside it', async () => {
    const other = await record('u-vac-1', g(10, 10), g(5, 5), staff2).expect(404);
    expect(other.body).toMatchObject({ error: 'UnitNotFound' });
    await http.get('/institutions/u-vac-1/vaccination').set(bearer(staff2)).expect(404);
    await record('u-vac-far', g(10, 10), g(5, 5)).expect(404);
    await http.get('/vaccination-coverage').set(bearer(staff1)).expect(403);
    await http.get('/vaccination-coverage?divisionCode=330522').set(bearer(countyOfficer)).expect(403);
    await record('u-nope', g(1, 1), g(1, 1)).expect(404);
  });

  it('totals each group over the division, with units below the floor and the unvaccinated, drillable to units', async () => {
    // fixture: u-vac-1 residents 1000/912 (at floor), staff 125/113 (below); u-vac-2 residents 200/150 (below), staff 40/40;
    // u-vac-3 (child welfare, 330521102) residents 50/50, staff 0/0; u-vac-4 never recorded; u-vac-far (other county) 10/0
    await record('u-vac-1', g(1000, 912), g(125, 113), staff1).expect(200);
    await record('u-vac-2', g(200, 150), g(40, 40), staff2).expect(200);
    const none = await record('u-vac-3', g(50, 50), g(0, 0)).expect(200);
    expect(none.body.staff).toMatchObject({ eligible: 0, coverage: 1, belowFloor: false });
    await http
      .put('/institutions/u-vac-far/vaccination')
      .set(bearer(admin))
      .send({ residents: g(10, 0), staff: g(2, 0) })
      .expect(200);

    const county = await http.get('/vaccination-coverage?divisionCode=330521').set(bearer(countyOfficer)).expect(200);
    expect(county.body).toMatchObject({
      divisionCode: '330521',
      unitType: null,
      floor: 0.912,
      unitsInRegion: 4,
      unitsRecorded: 3,
      notRecorded: [{ unitId: 'u-vac-4', name: 'u-vac-4 养老院', unitType: 'elderly-care-home', divisionCode: '330521101' }],
      unitsBelowFloor: ['u-vac-1', 'u-vac-2'],
    });
    // residents: (912 + 150 + 50) / (1000 + 200 + 50) = 1112 / 1250 = 0.8896; staff: (113 + 40 + 0) / (125 + 40 + 0) = 153 / 165 = 0.92727…
    expect(county.body.groups).toEqual({
      residents: {
        label: '服务对象',
        eligible: 1250,
        vaccinated: 1112,
        coverage: 0.8896,
        unvaccinatedEligible: 138,
        belowFloor: true,
        unitsBelowFloor: ['u-vac-2'],
      },
      staff: {
        label: '工作人员',
        eligible: 165,
        vaccinated: 153,
        coverage: 0.9272,
        unvaccinatedEligible: 12,
        belowFloor: false,
        unitsBelowFloor: ['u-vac-1'],
      },
    });
    expect(county.body.units.map((u: { unitId: string }) => u.unitId)).toEqual(['u-vac-1', 'u-vac-2', 'u-vac-3']);
    expect(county.body.units[1]).toMatchObject({
      unitId: 'u-vac-2',
      residents: { coverage: 0.75, unvaccinatedEligible: 50, belowFloor: true, episodeId: 'u-vac-2:residents:1' },
    });

    const homes = await http
      .get('/vaccination-coverage?divisionCode=330521&unitType=elderly-care-home')
      .set(bearer(countyOfficer))
      .expect(200);
    expect(homes.body).toMatchObject({ unitType: 'elderly-care-home', unitsInRegion: 3, unitsRecorded: 2 });
    // residents: 1062 / 1200 = 0.885
    expect(homes.body.groups.residents).toMatchObject({ eligible: 1200, vaccinated: 1062, coverage: 0.885, unvaccinatedEligible: 138 });

    const township = await http.get('/vaccination-coverage?divisionCode=330521102').set(bearer(countyOfficer)).expect(200);
    expect(township.body.groups.staff).toMatchObject({ eligible: 0, vaccinated: 0, coverage: 1, belowFloor: false, unitsBelowFloor: [] });
    expect(township.body.unitsBelowFloor).toEqual([]);

    const province = await http.get('/vaccination-coverage').set(bearer(admin)).expect(200);
    expect(province.body).toMatchObject({
      divisionCode: '33',
      unitsInRegion: 5,
      unitsRecorded: 4,
      unitsBelowFloor: ['u-vac-1', 'u-vac-2', 'u-vac-far'],
    });
    expect(province.body.groups.residents).toMatchObject({ eligible: 1260, vaccinated: 1112, unvaccinatedEligible: 148 });

    const badType = await http.get('/vaccination-coverage?unitType=castle').set(bearer(countyOfficer)).expect(400);
    expect(badType.body.details).toEqual({ field: 'unitType' });
  });
});
