import { HotlineCallOverdueClearedV1, HotlineCallOverdueV1, HotlineTopic } from '@civil/contracts';
import { SettableClock } from '@civil/kernel';
import { bearer, isolatedRun } from '@civil/testing';
import request from 'supertest';
import { admin, CaseEvents, startSupervisionWithUpstream, SupervisionWithUpstream } from './supervision-with-upstream';

/**
 * A social-relief hotline call left unanswered past its line's service level: the real
 * HotlineCallOverdue opens a supervision case about the call (by reference only), and the late
 * answer's HotlineCallOverdueCleared resolves it.
 */
describe('hotline call overdue → supervision case → cleared by the answer, end to end', () => {
  const run = isolatedRun('e2e-hotline');
  const clock = new SettableClock('2026-03-02T02:00:00Z'); // 10:00 Beijing
  const county = { sub: 'officer-330521', roles: ['county-officer' as const], jurisdiction: '330521' };
  const caller = { name: '赵桂兰', phone: '13600001111' };
  let system: SupervisionWithUpstream;
  let sr: () => ReturnType<typeof request>;

  beforeAll(async () => {
    system = await startSupervisionWithUpstream(run, clock, 'social-relief', [HotlineTopic]);
    sr = () => request(system.upstream.getHttpServer());
  });

  afterAll(async () => {
    await system?.stop();
  });

  it('opens one county case for the overdue call and resolves it when the caller is answered', async () => {
    const recorded = await sr()
      .post('/hotlines/calls')
      .set(bearer(county))
      .send({
        line: 'psychological-aid',
        lineDivisionCode: '330521',
        callerDivisionCode: '330521101',
        category: 'psychological',
        urgency: 'crisis',
        summary: '赵桂兰独居，情绪低落',
        caller,
      })
      .expect(201);
    const callId = recorded.body.callId as string;
    expect(recorded.body).toMatchObject({ serviceLevelMinutes: 30, dueAt: '2026-03-02T02:30:00.000Z' });

    clock.set('2026-03-02T02:30:01Z');
    expect((await sr().post('/hotlines/overdue-sweeps').set(bearer(admin)).expect(200)).body).toMatchObject({ recorded: 1 });
    expect((await sr().post('/hotlines/overdue-sweeps').set(bearer(admin)).expect(200)).body).toMatchObject({ recorded: 0 });
    const overdue = await system.upstreamEvent(HotlineTopic, HotlineCallOverdueV1.type, (m) => m.key === callId);

    const ref = { caseType: 'hotline-call-overdue', subjectId: callId };
    const opened = await system.caseEvent(CaseEvents.opened, ref);
    expect(opened.json).toMatchObject({ level: 'county', divisionCode: '330521', unitId: null, triggeringEventId: overdue.headers.ce_id });
    expect(opened.headers.ce_causationid).toBe(overdue.headers.ce_id);
    for (const secret of [caller.name, caller.phone, '情绪低落']) {
      expect(overdue.value).not.toContain(secret);
      expect(opened.value).not.toContain(secret);
    }

    clock.set('2026-03-02T03:00:00Z');
    await sr().post(`/hotlines/calls/${callId}/answer`).set(bearer(county)).send({ reply: '已由心理咨询师回电疏导' }).expect(200);
    const cleared = await system.upstreamEvent(HotlineTopic, HotlineCallOverdueClearedV1.type, (m) => m.key === callId);
    const resolved = await system.caseEvent(CaseEvents.resolved, ref);
    expect(resolved.json).toMatchObject({
      caseId: opened.json.caseId,
      resolution: 'hotline-call-answered',
      resolvingEventId: cleared.headers.ce_id,
    });

    await system.supervisionCaughtUp(HotlineTopic);
    expect(system.caseEvents(CaseEvents.opened, ref)).toHaveLength(1);
    const cases = (await request(system.supervision.getHttpServer()).get('/cases').set(bearer(county)).expect(200)).body as {
      caseType: string;
      status: string;
    }[];
    expect(cases.map((c) => [c.caseType, c.status])).toEqual([['hotline-call-overdue', 'resolved']]);
  });
});
