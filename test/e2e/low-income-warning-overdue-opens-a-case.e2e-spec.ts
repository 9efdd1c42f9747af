import { LowIncomeMonitoringTopic, LowIncomeWarningCheckedV1, LowIncomeWarningOverdueV1 } from '@civil/contracts';
import { SettableClock } from '@civil/kernel';
import { bearer, isolatedRun } from '@civil/testing';
import request from 'supertest';
import { admin, CaseEvents, fictionalIdNumber, startSupervisionWithUpstream, SupervisionWithUpstream } from './supervision-with-upstream';

/**
 * Low-income dynamic monitoring end to end: a warning from the monthly data comparison that the
 * township leaves unchecked past its grade's limit is a risk that someone eligible goes without
 * help (应救未救). The real LowIncomeWarningOverdue opens one supervision case, the ladder lifts it,
 * and the real LowIncomeWarningChecked of the home check resolves it.
 */
describe('low-income warning overdue → supervision case (应救未救) → resolved by the home check', () => {
  const run = isolatedRun('e2e-low-income');
  const clock = new SettableClock('2026-03-02T02:00:00Z'); // 10:00 Beijing
  const township = { sub: 'cadre-330521101', roles: ['township-officer' as const], jurisdiction: '330521101' };
  const county = { sub: 'officer-330521', roles: ['county-officer' as const], jurisdiction: '330521' };
  const resident = { name: '吴阿三', idNumber: fictionalIdNumber('1958-03-03', 301) };
  let system: SupervisionWithUpstream;
  let sr: () => ReturnType<typeof request>;

  beforeAll(async () => {
    system = await startSupervisionWithUpstream(run, clock, 'social-relief', [LowIncomeMonitoringTopic]);
    sr = () => request(system.upstream.getHttpServer());
  });

  afterAll(async () => {
    await system?.stop();
  });

  it('opens one township case for the overdue warning, escalates it, and the check filed late resolves it', async () => {
    const person = await sr()
      .post('/people')
      .set(bearer(township))
      .send({ ...resident, divisionCode: '330521101' })
      .expect(201);
    const personId = person.body.person.personId as string;
    const imported = await sr()
      .post('/low-income-warnings/imports')
      .set(bearer(county))
      .send({
        records: [
          {
            source: 'disabled-persons-federation',
            sourceRecordId: 'dpf-2026-02-0042',
            kind: 'disability',
            divisionCode: '330521101',
            personId,
          },
        ],
      })
      .expect(200);
    const { warningId, dueAt } = imported.body.results[0];
    expect(imported.body.results[0]).toMatchObject({ level: 2, dueAt: '2026-03-09T02:00:00.000Z' });

    clock.set(dueAt); // at the limit: not yet overdue
    expect((await sr().post('/low-income-warnings/overdue-sweeps').set(bearer(admin)).expect(200)).body).toMatchObject({ signalled: 0 });
    clock.set('2026-03-09T02:00:01Z');
    expect((await sr().post('/low-income-warnings/overdue-sweeps').set(bearer(admin)).expect(200)).body).toMatchObject({ signalled: 1 });
    const overdue = await system.upstreamEvent(LowIncomeMonitoringTopic, LowIncomeWarningOverdueV1.type, (m) => m.key === warningId);
    expect(overdue.json).toMatchObject({ warningId, subjectType: 'person', subjectRef: personId, kind: 'disability', limitDays: 7 });

    const ref = { caseType: 'low-income-warning-overdue', subjectId: warningId };
    const opened = await system.caseEvent(CaseEvents.opened, ref);
    expect(opened.json).toMatchObject({
      level: 'township',
      divisionCode: '330521101',
      unitId: null,
      triggeringEventId: overdue.headers.ce_id,
    });
    expect(opened.headers.ce_causationid).toBe(overdue.headers.ce_id);
    for (const secret of [resident.name, resident.idNumber]) {
      expect(opened.value).not.toContain(secret);
      expect(overdue.value).not.toContain(secret);
    }

    // a second sweep signals nothing more: still one case
    expect((await sr().post('/low-income-warnings/overdue-sweeps').set(bearer(admin)).expect(200)).body).toMatchObject({ signalled: 0 });

    const escalated = await system.escalatePastNextRung(opened);
    expect(escalated.json).toMatchObject({ caseId: opened.json.caseId, fromLevel: 'township', toLevel: 'county' });

    const checked = await sr()
      .post(`/low-income-warnings/${warningId}/check`)
      .set(bearer(township))
      .send({ finding: 'no-change', note: '已入户，残疾等级未变化，生活可以维持' })
      .expect(200);
    expect(checked.body.check).toMatchObject({ finding: 'no-change', late: true });
    const filed = await system.upstreamEvent(LowIncomeMonitoringTopic, LowIncomeWarningCheckedV1.type, (m) => m.key === warningId);
    const resolved = await system.caseEvent(CaseEvents.resolved, ref);
    expect(resolved.json).toMatchObject({
      caseId: opened.json.caseId,
      level: 'county',
      resolution: 'home-check-filed',
      resolvingEventId: filed.headers.ce_id,
    });
    expect(resolved.headers.ce_causationid).toBe(filed.headers.ce_id);

    const cases = (await request(system.supervision.getHttpServer()).get('/cases').set(bearer(county)).expect(200)).body as {
      caseType: string;
      subjectId: string;
      status: string;
      caseTypeLabel?: string;
    }[];
    const mine = cases.filter((c) => c.subjectId === warningId);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ caseType: 'low-income-warning-overdue', status: 'resolved' });
  });
});
