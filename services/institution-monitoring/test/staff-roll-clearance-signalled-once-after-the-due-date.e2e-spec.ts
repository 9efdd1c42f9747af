import { INestApplication } from '@nestjs/common';
import {
  StaffVaccinationClearedV1,
  StaffVaccinationNotClearedV1,
  VaccinationCoverageBelowFloorV1,
  VaccinationTopic,
} from '@civil/contracts';
import { SettableClock } from '@civil/kernel';
import { OutboxRelay, TopicNames } from '@civil/messaging';
import { bearer, isolatedRun, TopicRecorder } from '@civil/testing';
import request from 'supertest';
import { StaffClearanceSweepService } from '../src/vaccination/application/staff-clearance-sweep.service';
import { countyOfficer, startInstitutionMonitoring, unit } from './support';

describe('seed 004 全体党员、干部和职工登记造册…实行应种人员接种清零: staff rolls and the not-cleared signal', () => {
  const run = isolatedRun('im-staff-roll');
  const clock = new SettableClock('2026-03-02T02:00:00Z'); // 10:00 Beijing, 2 March
  const topic = new TopicNames(run.topicPrefix).physical(VaccinationTopic.name);
  const home = 'u-roll-home';
  const cleared = 'u-roll-cleared';
  const staff = { sub: 'staff-roll-home', roles: ['unit-staff' as const], jurisdiction: '330521101', unitId: home };
  const office = '/civil-affairs-offices/330521/departments/social-assistance/staff-roll';
  let app: INestApplication;
  let http: ReturnType<typeof request>;
  let recorder: TopicRecorder;

  const add = (path: string, who: object, name: string, category: string, vaccinationStatus: string) =>
    http
      .post(`${path}/members`)
      .set(bearer(who as typeof countyOfficer))
      .send({ name, category, vaccinationStatus });
  const notCleared = () => recorder.of(topic, StaffVaccinationNotClearedV1.type);
  const sweep = () => app.get(StaffClearanceSweepService).sweep();

  beforeAll(async () => {
    app = await startInstitutionMonitoring(run, clock);
    http = request(app.getHttpServer());
    recorder = await new TopicRecorder([topic]).start();
    await http.post('/institutions').set(bearer(countyOfficer)).send(unit(home)).expect(201);
    await http.post('/institutions').set(bearer(countyOfficer)).send(unit(cleared)).expect(201);
  });

  afterAll(async () => {
    await recorder?.stop();
    await app?.close();
  });

  it('keeps a unit’s roll with each member’s status; the unit’s staff coverage and its 清零 count come from it', async () => {
    const roll = `/institutions/${home}/staff-roll`;
    await add(roll, staff, '王党员', 'party-member', 'vaccinated').expect(201);
    await add(roll, staff, '李干部', 'cadre', 'contraindicated').expect(201);
    const third = await add(roll, staff, '赵职工', 'employee', 'unvaccinated').expect(201);
    expect(third.body.staffId).toMatch(/^st-/);
    expect(third.body.roll).toMatchObject({
      rollId: `unit:${home}`,
      membersOnRoll: 3,
      eligible: 2,
      vaccinated: 1,
      unvaccinatedEligible: 1,
      cleared: false,
    });
    expect(third.body.roll.members.map((m: { name: string }) => m.name)).toEqual(['王党员', '李干部', '赵职工']);

    const asOfficer = await http.get(roll).set(bearer(countyOfficer)).expect(200);
    expect(asOfficer.body.members.map((m: { name: string }) => m.name)).toEqual(['王**', '李**', '赵**']);
    expect(asOfficer.body.members[2]).toMatchObject({ category: 'employee', categoryLabel: '职工', vaccinationStatusLabel: '未接种' });

    const coverage = await http.get(`/institutions/${home}/vaccination`).set(bearer(staff)).expect(200);
    expect(coverage.body.staff).toMatchObject({
      eligible: 2,
      vaccinated: 1,
      unvaccinatedEligible: 1,
      belowFloor: true,
      source: 'staff-roll',
    });
    const below = await recorder.waitForCount(topic, 1, VaccinationCoverageBelowFloorV1.type);
    expect(below[0].json).toMatchObject({ unitId: home, group: 'staff' });
    expect(JSON.stringify(recorder.of(topic))).not.toContain('赵职工');

    await add(`/institutions/${cleared}/staff-roll`, countyOfficer, '钱职工', 'employee', 'vaccinated').expect(201);
  });

  it('keeps a roll per department of a civil-affairs office, for officers of that division only', async () => {
    const res = await add(office, countyOfficer, '孙科长', 'cadre', 'unvaccinated').expect(201);
    expect(res.body.roll).toMatchObject({ rollId: 'office:330521:social-assistance', unvaccinatedEligible: 1 });
    expect(res.body.roll.members[0].name).toBe('孙科长');
    const elsewhere = { sub: 'officer-330522', roles: ['county-officer' as const], jurisdiction: '330522' };
    await add(office, elsewhere, '某人', 'cadre', 'unvaccinated').expect(403);
    await add(office, staff, '某人', 'cadre', 'unvaccinated').expect(403);
    const bad = await add(office, countyOfficer, '', 'volunteer', 'soon').expect(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['category', 'name', 'vaccinationStatus']);
    const badDept = await add(
      '/civil-affairs-offices/330521/departments/社会救助科/staff-roll',
      countyOfficer,
      '某人',
      'cadre',
      'vaccinated',
    );
    expect(badDept.status).toBe(400);
    expect(badDept.body).toMatchObject({ error: 'InvalidDepartment', details: { field: 'department' } });
  });

  it('signals each roll not cleared once the region’s due date is over — once per roll and due date, however many sweeps', async () => {
    expect(await sweep()).toEqual({ signalled: 0 }); // no due date set anywhere (the default)
    await http
      .put('/regional-settings/staff-vaccination-clearance-due-date')
      .set(bearer(countyOfficer))
      .send({ divisionCode: '330521', value: 20260305 })
      .expect(200);
    clock.set('2026-03-05T15:59:00Z'); // 23:59 on the due day
    expect(await sweep()).toEqual({ signalled: 0 });

    clock.set('2026-03-05T16:00:00Z'); // 00:00 on 6 March: the due day is over
    const results = await Promise.all([sweep(), sweep(), sweep()]);
    expect(results.reduce((n, r) => n + r.signalled, 0)).toBe(2);
    const events = await recorder.waitForCount(topic, 2, StaffVaccinationNotClearedV1.type);
    await app.get(OutboxRelay).flush();
    expect(notCleared()).toHaveLength(2);
    expect(events.map((e) => e.key).sort()).toEqual([`office:330521:social-assistance`, `unit:${home}`]);
    expect(events.find((e) => e.key === `unit:${home}`)!.json).toEqual({
      rollId: `unit:${home}`,
      unitId: home,
      unitType: 'elderly-care-home',
      department: null,
      divisionCode: '330521101',
      members: 3,
      eligible: 2,
      unvaccinatedEligible: 1,
      dueDate: '2026-03-05',
      detectedAt: '2026-03-05T16:00:00.000Z',
    });
    expect(events.find((e) => e.key?.startsWith('office:'))!.json).toMatchObject({
      unitId: null,
      unitType: null,
      department: 'social-assistance',
    });
    expect(JSON.stringify(events.map((e) => e.json))).not.toMatch(/孙科长|赵职工/);

    clock.set('2026-03-06T02:00:00Z');
    expect(await sweep()).toEqual({ signalled: 0 });
  });

  it('signals again for a later due date (a township’s own, with history), not for a roll that reached zero, and answers each signal when its roll reaches zero', async () => {
    await http
      .put('/regional-settings/staff-vaccination-clearance-due-date')
      .set(bearer(countyOfficer))
      .send({ divisionCode: '330521101', value: 20260310, effectiveFrom: '2026-03-07' })
      .expect(200);
    const roll = (await http.get(`/institutions/${home}/staff-roll`).set(bearer(staff)).expect(200)).body;
    const unvaccinated = roll.members.find((m: { vaccinationStatus: string }) => m.vaccinationStatus === 'unvaccinated');
    clock.set('2026-03-10T16:00:00Z');
    await http
      .put(`${office}/members/${(await http.get(office).set(bearer(countyOfficer))).body.members[0].staffId}`)
      .set(bearer(countyOfficer))
      .send({ vaccinationStatus: 'vaccinated' })
      .expect(200);
    expect(await sweep()).toEqual({ signalled: 1 });
    const again = await recorder.waitForCount(topic, 3, StaffVaccinationNotClearedV1.type);
    expect(again[2].json).toMatchObject({ rollId: `unit:${home}`, dueDate: '2026-03-10', unvaccinatedEligible: 1 });

    const done = await http
      .put(`/institutions/${home}/staff-roll/members/${unvaccinated.staffId}`)
      .set(bearer(staff))
      .send({ vaccinationStatus: 'vaccinated' })
      .expect(200);
    expect(done.body).toMatchObject({ unvaccinatedEligible: 0, cleared: true, notClearedSignalled: ['2026-03-05', '2026-03-10'] });
    const coverage = await http.get(`/institutions/${home}/vaccination`).set(bearer(staff)).expect(200);
    expect(coverage.body.staff).toMatchObject({ eligible: 2, vaccinated: 2, belowFloor: false, source: 'staff-roll' });
    // each signalled roll that reached zero answers its last signal, once
    const clearedEvents = await recorder.waitForCount(topic, 2, StaffVaccinationClearedV1.type);
    expect(clearedEvents.map((e) => [e.key, e.json.dueDate]).sort()).toEqual([
      ['office:330521:social-assistance', '2026-03-05'],
      [`unit:${home}`, '2026-03-10'],
    ]);
    await http
      .put(`/institutions/${home}/staff-roll/members/st-none`)
      .set(bearer(staff))
      .send({ vaccinationStatus: 'vaccinated' })
      .expect(404);
  });
});
