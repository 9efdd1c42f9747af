import { StaffVaccinationClearedV1, StaffVaccinationNotClearedV1, VaccinationTopic } from '@civil/contracts';
import { SettableClock } from '@civil/kernel';
import { bearer, isolatedRun } from '@civil/testing';
import request from 'supertest';
import { admin, CaseEvents, startSupervisionWithUpstream, SupervisionWithUpstream } from './supervision-with-upstream';

/**
 * Seed 004 (各级民政部门要对全体党员、干部和职工登记造册,除有禁忌症外实行应种人员接种清零…确保按时完成既定目标):
 * a staff roll still short after the region's due date is a signal, and supervision opens a case on it.
 */
describe('seed 004 清零: a staff roll not cleared by the due date opens a supervision case, and reaching zero resolves it, end to end', () => {
  const run = isolatedRun('e2e-staff-roll');
  const clock = new SettableClock('2026-03-02T02:00:00Z');
  const county = { sub: 'officer-deqing', roles: ['county-officer' as const], jurisdiction: '330521' };
  let system: SupervisionWithUpstream;
  let im: () => ReturnType<typeof request>;

  beforeAll(async () => {
    system = await startSupervisionWithUpstream(run, clock, 'institution-monitoring', [VaccinationTopic]);
    im = () => request(system.upstream.getHttpServer());
  });

  afterAll(async () => {
    await system?.stop();
  });

  it('StaffVaccinationNotCleared opens a staff-vaccination-not-cleared case at the county about the roll, with no names', async () => {
    const roll = '/civil-affairs-offices/330521/departments/elderly-services/staff-roll';
    await im()
      .post(`${roll}/members`)
      .set(bearer(county))
      .send({ name: '周科员', category: 'cadre', vaccinationStatus: 'unvaccinated' })
      .expect(201);
    await im()
      .post(`${roll}/members`)
      .set(bearer(county))
      .send({ name: '吴科员', category: 'party-member', vaccinationStatus: 'vaccinated' })
      .expect(201);
    await im()
      .put('/regional-settings/staff-vaccination-clearance-due-date')
      .set(bearer(county))
      .send({ divisionCode: '330521', value: 20260310 })
      .expect(200);
    clock.set('2026-03-10T16:30:00Z'); // 00:30 on 11 March, Beijing
    const swept = await im().post('/staff-rolls/clearance-sweeps').set(bearer(admin)).expect(201);
    expect(swept.body).toMatchObject({ signalled: 1 });

    const rollId = 'office:330521:elderly-services';
    const signal = await system.upstreamEvent(VaccinationTopic, StaffVaccinationNotClearedV1.type, (m) => m.key === rollId);
    const opened = await system.caseEvent(CaseEvents.opened, { caseType: 'staff-vaccination-not-cleared', subjectId: rollId });
    expect(opened.json).toMatchObject({
      level: 'county',
      divisionCode: '330521',
      unitId: null,
      triggeringEventId: signal.headers.ce_id,
    });
    expect(JSON.stringify([signal.json, opened.json])).not.toMatch(/周科员|吴科员/);

    const cases = (await request(system.supervision.getHttpServer()).get('/cases').set(bearer(county)).expect(200)).body as {
      caseType: string;
      subjectId: string;
      status: string;
      caseTypeLabel?: string;
    }[];
    expect(cases.filter((c) => c.caseType === 'staff-vaccination-not-cleared').map((c) => [c.subjectId, c.status])).toEqual([
      [rollId, 'open'],
    ]);
    // the last eligible member vaccinated: 清零 reached, the case is resolved by that event
    const member = (await im().get(roll).set(bearer(county)).expect(200)).body.members.find(
      (m: { vaccinationStatus: string }) => m.vaccinationStatus === 'unvaccinated',
    );
    clock.set('2026-03-11T03:00:00Z');
    await im().put(`${roll}/members/${member.staffId}`).set(bearer(county)).send({ vaccinationStatus: 'vaccinated' }).expect(200);
    const done = await system.upstreamEvent(VaccinationTopic, StaffVaccinationClearedV1.type, (m) => m.key === rollId);
    expect(done.json).toEqual({
      rollId,
      unitId: null,
      divisionCode: '330521',
      eligible: 2,
      dueDate: '2026-03-10',
      clearedAt: '2026-03-11T03:00:00.000Z',
    });
    const resolved = await system.caseEvent(CaseEvents.resolved, { caseType: 'staff-vaccination-not-cleared', subjectId: rollId });
    expect(resolved.json).toMatchObject({
      caseId: opened.json.caseId,
      resolution: 'staff-vaccination-cleared',
      resolvingEventId: done.headers.ce_id,
    });
  });
});
