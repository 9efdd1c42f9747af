import { ApplicationTopic, HouseholdTopic, ApplicationDecidedV1, RecheckMissedV1, RecheckRecordedV1 } from '@civil/contracts';
import { SettableClock } from '@civil/kernel';
import { bearer, isolatedRun } from '@civil/testing';
import request from 'supertest';
import { admin, CaseEvents, fictionalIdNumber, startSupervisionWithUpstream, SupervisionWithUpstream } from './supervision-with-upstream';

/**
 * A 低保 household enrolled by an approved application gets its periodic re-check (定期核查); the
 * township lets it pass its due day and grace, social relief signals RecheckMissed, supervision
 * opens a township case (recheck-missed); the township records the re-check, RecheckRecorded
 * names the missed due day, and the case resolves.
 */
describe('missed household re-check → supervision case → cleared by the re-check, end to end', () => {
  const run = isolatedRun('e2e-recheck');
  const clock = new SettableClock('2026-03-02T02:00:00Z');
  const cadreA = { sub: 'cadre-330521101', roles: ['township-officer' as const], jurisdiction: '330521101' };
  const cadreB = { sub: 'cadre-330521101-b', roles: ['township-officer' as const], jurisdiction: '330521101' };
  const county = { sub: 'officer-330521', roles: ['county-officer' as const], jurisdiction: '330521' };
  const head = { name: '沈甲', idNumber: fictionalIdNumber('1968-03-03', 301) };
  let system: SupervisionWithUpstream;
  let sr: () => ReturnType<typeof request>;

  beforeAll(async () => {
    system = await startSupervisionWithUpstream(run, clock, 'social-relief', [HouseholdTopic, ApplicationTopic]);
    sr = () => request(system.upstream.getHttpServer());
  });

  afterAll(async () => {
    await system?.stop();
  });

  it('opens a township case when the re-check is missed, and the re-check resolves it', async () => {
    const created = await sr()
      .post('/households')
      .set(bearer(cadreA))
      .send({
        divisionCode: '330521101',
        members: [{ ...head, relation: 'head', canWork: false }],
        incomes: [{ memberIndex: 0, kind: 'wages', monthlyFen: 40_000, verifiable: true }],
      })
      .expect(201);
    const householdId = created.body.householdId as string;
    const applicantId = created.body.members[0].personId as string;
    await sr().post(`/households/${householdId}/assessments`).set(bearer(cadreA)).expect(201);
    const app = await sr()
      .post('/applications')
      .set(bearer(cadreA))
      .send({ kind: 'dibao', divisionCode: '330521101', householdId, applicantId })
      .expect(201);
    const url = `/applications/${app.body.applicationId}`;
    await sr().post(`${url}/acceptance`).set(bearer(cadreB)).expect(201);
    await sr().post(`${url}/review`).set(bearer(cadreB)).send({ outcome: 'eligible', homeVisit: true, incomeVerified: true }).expect(201);
    await sr().post(`${url}/decision`).set(bearer(county)).send({ decision: 'approved', amountFen: 65_000 }).expect(201);
    await system.upstreamEvent(ApplicationTopic, ApplicationDecidedV1.type, (m) => m.key === app.body.applicationId);
    const schedule = await sr().get(`/households/${householdId}/rechecks`).set(bearer(cadreA)).expect(200);
    expect(schedule.body).toMatchObject({
      status: 'enrolled',
      schedule: { recheckClass: 'A', dueOn: '2027-03-02' },
      graceEndsOn: '2027-03-17',
    });

    clock.set('2027-03-18T01:00:00Z');
    expect((await sr().post('/households/recheck-sweeps').set(bearer(admin)).expect(200)).body).toMatchObject({ signalled: 1 });
    const missed = await system.upstreamEvent(HouseholdTopic, RecheckMissedV1.type, (m) => m.key === householdId);
    expect(missed.json).toMatchObject({ dueOn: '2027-03-02', category: 'dibao', extendedDays: 0 });

    const ref = { caseType: 'recheck-missed', subjectId: householdId };
    const opened = await system.caseEvent(CaseEvents.opened, ref);
    expect(opened.json).toMatchObject({
      level: 'township',
      divisionCode: '330521101',
      unitId: null,
      triggeringEventId: missed.headers.ce_id,
    });
    expect(opened.headers.ce_causationid).toBe(missed.headers.ce_id);
    for (const secret of [head.name, head.idNumber]) expect(opened.value).not.toContain(secret);

    await sr()
      .post(`/households/${householdId}/rechecks`)
      .set(bearer(cadreA))
      .send({ outcome: 'unchanged', findings: '补做入户核查，无变化' })
      .expect(201);
    const recorded = await system.upstreamEvent(HouseholdTopic, RecheckRecordedV1.type, (m) => m.key === householdId);
    expect(recorded.json).toMatchObject({ missedDueOn: '2027-03-02', nextDueOn: '2028-03-18' });
    const resolved = await system.caseEvent(CaseEvents.resolved, ref);
    expect(resolved.json).toMatchObject({
      caseId: opened.json.caseId,
      resolution: 'recheck-recorded',
      resolvingEventId: recorded.headers.ce_id,
    });

    const cases = (await request(system.supervision.getHttpServer()).get('/cases').set(bearer(county)).expect(200)).body as {
      caseType: string;
      status: string;
    }[];
    expect(cases.filter((c) => c.caseType === 'recheck-missed').map((c) => c.status)).toEqual(['resolved']);
  });
});
