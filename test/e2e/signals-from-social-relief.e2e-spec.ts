import {
  ApplicationAcceptedV1,
  ApplicationOverdueV1,
  ApplicationSubmittedV1,
  ApplicationTopic,
  KeyPersonTopic,
  VisitOverdueEndedV1,
  VisitOverdueV1,
} from '@civil/contracts';
import { SettableClock } from '@civil/kernel';
import { bearer, isolatedRun } from '@civil/testing';
import request from 'supertest';
import { admin, CaseEvents, fictionalIdNumber, startSupervisionWithUpstream, SupervisionWithUpstream } from './supervision-with-upstream';

/**
 * Every social-relief signal supervision acts on, end to end: a key person left unvisited past the
 * cadence, an application left past its step's limit (应救未救) — each real event from the real
 * service opens a case linked to its ce_id, the ladder escalates it, and the real event of the
 * visit / the next step resolves it, linked the same way.
 */
describe('social-relief signals → supervision cases, end to end', () => {
  const run = isolatedRun('e2e-sig-sr');
  const clock = new SettableClock('2026-03-02T02:00:00Z'); // 10:00 Beijing
  const township = { sub: 'cadre-330521101', roles: ['township-officer' as const], jurisdiction: '330521101' };
  const reviewer = { sub: 'cadre-330521101-b', roles: ['township-officer' as const], jurisdiction: '330521101' };
  const county = { sub: 'officer-330521', roles: ['county-officer' as const], jurisdiction: '330521' };
  const elder = { name: '陈阿婆', idNumber: fictionalIdNumber('1941-05-12', 22), phone: '13900002222' };
  const applicant = { name: '陈甲', idNumber: fictionalIdNumber('1966-06-06', 201) };
  let system: SupervisionWithUpstream;
  let sr: () => ReturnType<typeof request>;

  beforeAll(async () => {
    system = await startSupervisionWithUpstream(run, clock, 'social-relief', [KeyPersonTopic, ApplicationTopic]);
    sr = () => request(system.upstream.getHttpServer());
  });

  afterAll(async () => {
    await system?.stop();
  });

  it('VisitOverdue opens a township case, the ladder lifts it to the county, the visit’s VisitOverdueEnded resolves it', async () => {
    const added = await sr()
      .post('/key-person-lists/330521101/entries')
      .set(bearer(township))
      .send({ ...elder, villageCode: '330521101201', categories: ['empty-nest-elderly'] })
      .expect(201);
    const entryId = added.body.entry.entryId as string;
    expect(added.body.entry).toMatchObject({ cadenceDays: 7, nextVisitDueAt: '2026-03-09T02:00:00.000Z' });

    clock.set('2026-03-09T02:00:01Z');
    const swept = await sr().post('/key-person-lists/overdue-sweeps').set(bearer(admin)).expect(200);
    expect(swept.body).toMatchObject({ opened: 1 });
    const overdue = await system.upstreamEvent(KeyPersonTopic, VisitOverdueV1.type, (m) => m.key === entryId);

    const ref = { caseType: 'visit-overdue', subjectId: entryId };
    const opened = await system.caseEvent(CaseEvents.opened, ref);
    expect(opened.json).toMatchObject({
      level: 'township',
      divisionCode: '330521101201',
      unitId: null,
      triggeringEventId: overdue.headers.ce_id,
    });
    expect(opened.headers.ce_causationid).toBe(overdue.headers.ce_id);
    for (const secret of [elder.name, elder.idNumber, elder.phone]) expect(opened.value).not.toContain(secret);

    const escalated = await system.escalatePastNextRung(opened);
    expect(escalated.json).toMatchObject({ caseId: opened.json.caseId, fromLevel: 'township', toLevel: 'county' });

    const visit = await sr()
      .post(`/key-person-lists/330521101/entries/${entryId}/visits`)
      .set(bearer(township))
      .send({ visitedAt: '2026-03-10T09:30:00+08:00', mode: 'home-visit', findings: '已送米面油' })
      .expect(201);
    expect(visit.body.endedEpisodeId).toBe(overdue.json.episodeId);
    const ended = await system.upstreamEvent(KeyPersonTopic, VisitOverdueEndedV1.type, (m) => m.key === entryId);
    expect(ended.json).toMatchObject({ entryId, episodeId: overdue.json.episodeId });
    const resolved = await system.caseEvent(CaseEvents.resolved, ref);
    expect(resolved.json).toMatchObject({
      caseId: opened.json.caseId,
      level: 'county',
      resolution: 'visit-made',
      resolvingEventId: ended.headers.ce_id,
    });
    expect(resolved.headers.ce_causationid).toBe(ended.headers.ce_id);
  });

  it('ApplicationOverdue (应救未救) opens a township case, the ladder lifts it to the county, the ApplicationAccepted that moves it on resolves it', async () => {
    const created = await sr()
      .post('/applications')
      .set(bearer(township))
      .send({ kind: 'extreme-poverty', divisionCode: '330521101', applicant })
      .expect(201);
    const applicationId = created.body.applicationId as string;
    const submitted = await system.upstreamEvent(ApplicationTopic, ApplicationSubmittedV1.type, (m) => m.key === applicationId);
    const dueAt: string = submitted.json.nextDueAt;
    expect(submitted.json).toMatchObject({ nextStep: 'accept', to: 'submitted' });

    clock.set(dueAt); // the accept step's limit: overdue from this instant
    const swept = await sr().post('/applications/overdue-sweeps').set(bearer(admin)).expect(200);
    expect(swept.body).toMatchObject({ recorded: 1 });
    const overdue = await system.upstreamEvent(ApplicationTopic, ApplicationOverdueV1.type, (m) => m.key === applicationId);
    expect(overdue.json).toMatchObject({ step: 'accept', status: 'submitted', dueAt });

    const ref = { caseType: 'application-overdue', subjectId: applicationId };
    const opened = await system.caseEvent(CaseEvents.opened, ref);
    expect(opened.json).toMatchObject({
      level: 'township',
      divisionCode: '330521101',
      unitId: null,
      triggeringEventId: overdue.headers.ce_id,
    });
    expect(opened.headers.ce_causationid).toBe(overdue.headers.ce_id);
    for (const secret of [applicant.name, applicant.idNumber]) expect(opened.value).not.toContain(secret);

    const escalated = await system.escalatePastNextRung(opened);
    expect(escalated.json).toMatchObject({ caseId: opened.json.caseId, fromLevel: 'township', toLevel: 'county' });

    await sr().post(`/applications/${applicationId}/acceptance`).set(bearer(reviewer)).expect(201);
    const accepted = await system.upstreamEvent(ApplicationTopic, ApplicationAcceptedV1.type, (m) => m.key === applicationId);
    expect(accepted.json).toMatchObject({ from: 'submitted', to: 'accepted' });
    const resolved = await system.caseEvent(CaseEvents.resolved, ref);
    expect(resolved.json).toMatchObject({
      caseId: opened.json.caseId,
      level: 'county',
      resolution: 'application-moved-on',
      resolvingEventId: accepted.headers.ce_id,
    });
  });

  it('shows both cases resolved to the county, one per signal', async () => {
    const cases = (await request(system.supervision.getHttpServer()).get('/cases').set(bearer(county)).expect(200)).body as {
      caseType: string;
      status: string;
      level: string;
    }[];
    expect(cases.map((c) => [c.caseType, c.level, c.status]).sort()).toEqual([
      ['application-overdue', 'county', 'resolved'],
      ['visit-overdue', 'county', 'resolved'],
    ]);
  });
});
