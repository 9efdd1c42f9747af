import { INestApplication } from '@nestjs/common';
import { HouseholdCategoryDeterminedV1, HouseholdExitedV1, HouseholdPhaseOutStartedV1, HouseholdTopic } from '@civil/contracts';
import { SettableClock } from '@civil/kernel';
import { OutboxRelay, TopicNames } from '@civil/messaging';
import { bearer, isolatedRun, TopicRecorder, waitFor } from '@civil/testing';
import request from 'supertest';
import { HouseholdRegisters } from '../src/households/application/household-registers';
import { admin, countyOfficer, idNumber, otherTownshipOfficer, startSocialRelief, townshipOfficer } from './support';

type Officer = typeof townshipOfficer | typeof otherTownshipOfficer;

describe('households: phase-out (渐退期) and exit, paused in risk areas', () => {
  const run = isolatedRun('sr-household-phase-out');
  const clock = new SettableClock('2026-03-02T01:00:00Z');
  const topic = new TopicNames(run.topicPrefix).physical(HouseholdTopic.name);
  let app: INestApplication;
  let recorder: TopicRecorder;
  const http = () => request(app.getHttpServer());
  const sweep = async () => (await http().post('/households/phase-out-sweeps').set(bearer(admin)).expect(200)).body;
  const ids: Record<string, { householdId: string; memberIds: string[] }> = {};

  /** A couple earning `fen` a month, assessed and enrolled on 低保 by an approved application. */
  async function enrolledCouple(label: string, divisionCode: string, officer: Officer, seq: number) {
    const created = await http()
      .post('/households')
      .set(bearer(officer))
      .send({
        divisionCode,
        members: [
          { name: `${label}甲`, idNumber: idNumber('1970-01-01', seq), relation: 'head', canWork: true },
          {
            name: `${label}乙`,
            idNumber: idNumber('1972-01-01', seq + 2),
            relation: 'spouse',
            canWork: false,
            flags: ['severely-disabled'],
          },
        ],
        incomes: [{ memberIndex: 0, kind: 'wages', monthlyFen: 100_000, verifiable: true }],
      })
      .expect(201);
    const householdId = created.body.householdId;
    await http().post(`/households/${householdId}/assessments`).set(bearer(officer)).expect(201);
    await app.get(HouseholdRegisters).enrolFromApplication(householdId, 'dibao', `app-${label}`, clock.now());
    ids[label] = { householdId, memberIds: created.body.members.map((m: { personId: string }) => m.personId) };
    return householdId;
  }

  async function setIncome(label: string, officer: Officer, fen: number) {
    const { householdId, memberIds } = ids[label];
    await http()
      .patch(`/households/${householdId}`)
      .set(bearer(officer))
      .send({ incomes: [{ personId: memberIds[0], kind: 'wages', monthlyFen: fen, verifiable: true }] })
      .expect(200);
    return (await http().post(`/households/${householdId}/assessments`).set(bearer(officer)).expect(201)).body;
  }

  const registersOf = async (personId: string) => (await http().get(`/people/${personId}`).set(bearer(countyOfficer)).expect(200)).body;
  const exitsOf = (householdId: string) => recorder.of(topic, HouseholdExitedV1.type).filter((m) => m.key === householdId);

  beforeAll(async () => {
    app = await startSocialRelief(run, clock);
    recorder = await new TopicRecorder([topic]).start();
    await enrolledCouple('low', '330521101', townshipOfficer, 11);
    await enrolledCouple('risk', '330521102', otherTownshipOfficer, 21);
    await enrolledCouple('back', '330521101', townshipOfficer, 31);
  });

  afterAll(async () => {
    await recorder?.stop();
    await app?.close();
  });

  it('starts a 6-month phase-out when an enrolled household’s income rises above the standard', async () => {
    clock.set('2026-03-10T02:00:00Z');
    const low = await setIncome('low', townshipOfficer, 400_000);
    expect(low).toMatchObject({ outcome: 'phase-out-started', assessment: { category: 'none', incomePerMemberFen: 200_000 } });
    expect(low.household).toMatchObject({
      status: 'phase-out',
      statusLabel: '渐退期',
      enrolledCategory: 'dibao',
      phaseOut: { category: 'dibao', startedOn: '2026-03-10', endsOn: '2026-09-09' },
    });
    expect((await setIncome('risk', otherTownshipOfficer, 400_000)).outcome).toBe('phase-out-started');
    expect((await setIncome('back', townshipOfficer, 300_000)).outcome).toBe('phase-out-started');

    // still enrolled through the phase-out
    expect((await registersOf(ids.low.memberIds[0])).registers).toEqual(['dibao']);

    const [m] = await waitFor('the phase-out of "low" on the wire', () => {
      const found = recorder.of(topic, HouseholdPhaseOutStartedV1.type).filter((x) => x.key === ids.low.householdId);
      return found.length ? found : undefined;
    });
    expect(m.headers).toMatchObject({ ce_type: HouseholdPhaseOutStartedV1.type, ce_subject: ids.low.householdId, ce_region: '330521101' });
    expect(m.json).toEqual({
      householdId: ids.low.householdId,
      divisionCode: '330521101',
      category: 'dibao',
      incomePerMemberFen: 200_000,
      standardFen: 105_000,
      startedAt: '2026-03-10T02:00:00.000Z',
      endsOn: '2026-09-09',
    });
  });

  it('cancels the phase-out when the income falls below the standard again (no exit later)', async () => {
    clock.set('2026-04-01T02:00:00Z');
    const again = await setIncome('back', townshipOfficer, 150_000);
    expect(again).toMatchObject({ outcome: 'phase-out-cancelled', assessment: { category: 'dibao' } });
    expect(again.household).toMatchObject({ status: 'enrolled', phaseOut: null });
    expect(again.household.phaseOutHistory.map((r: { what: string; label: string }) => [r.what, r.label])).toEqual([
      ['started', '进入渐退期'],
      ['cancelled', '收入回落，渐退取消'],
    ]);
  });

  it('keeps a running phase-out as it is when re-assessed with the income still up', async () => {
    clock.set('2026-05-01T02:00:00Z');
    const still = await setIncome('low', townshipOfficer, 500_000);
    expect(still).toMatchObject({
      outcome: 'recorded',
      household: { status: 'phase-out', phaseOut: { startedOn: '2026-03-10', endsOn: '2026-09-09' } },
    });
  });

  it('does not exit anyone on the last day of the phase-out', async () => {
    clock.set('2026-09-09T15:00:00Z'); // 23:00 in Beijing, still the last day
    expect(await sweep()).toEqual({ exited: 0, paused: 0, cleared: 0, registerSynced: 0 });
  });

  it('exits after 6 months once, across repeated sweeps, and pauses the exit in a high-risk area', async () => {
    await http()
      .put('/area-risk-levels/330521102')
      .set(bearer(countyOfficer))
      .send({ level: 'high', reason: '指挥部通告第12号' })
      .expect((r) => expect([200, 201]).toContain(r.status));
    clock.set('2026-09-10T01:00:00Z');
    expect(await sweep()).toEqual({ exited: 1, paused: 1, cleared: 1, registerSynced: 0 }); // 'back' was cancelled: its watch entry is cleared
    expect(await sweep()).toEqual({ exited: 0, paused: 1, cleared: 0, registerSynced: 0 });

    const low = await http().get(`/households/${ids.low.householdId}`).set(bearer(townshipOfficer)).expect(200);
    expect(low.body).toMatchObject({ status: 'exited', statusLabel: '已退出', enrolledCategory: null, phaseOut: null });
    for (const personId of ids.low.memberIds) {
      const p = await registersOf(personId);
      expect(p.registers).toEqual([]);
      expect(p.memberships).toEqual([
        { register: 'dibao', sourceType: 'household', sourceId: ids.low.householdId, from: '2026-03-02', to: '2026-09-10' },
      ]);
    }
    const risk = await http().get(`/households/${ids.risk.householdId}`).set(bearer(otherTownshipOfficer)).expect(200);
    expect(risk.body).toMatchObject({ status: 'phase-out', phaseOut: { endsOn: '2026-09-09' } });
    expect((await registersOf(ids.risk.memberIds[0])).registers).toEqual(['dibao']);
    const back = await http().get(`/households/${ids.back.householdId}`).set(bearer(townshipOfficer)).expect(200);
    expect(back.body).toMatchObject({ status: 'enrolled', enrolledCategory: 'dibao' });

    const [exit] = await waitFor('the exit of "low" on the wire', () =>
      exitsOf(ids.low.householdId).length ? exitsOf(ids.low.householdId) : undefined,
    );
    expect(exit.headers).toMatchObject({ ce_type: HouseholdExitedV1.type, ce_subject: ids.low.householdId, ce_region: '330521101' });
    expect(exit.json).toEqual({
      householdId: ids.low.householdId,
      divisionCode: '330521101',
      previousCategory: 'dibao',
      reason: 'phase-out-ended',
      exitedAt: '2026-09-10T01:00:00.000Z',
    });
  });

  it('exits the paused household once its area is low again (the clock was not extended)', async () => {
    clock.set('2026-09-20T01:00:00Z');
    expect(await sweep()).toEqual({ exited: 0, paused: 1, cleared: 0, registerSynced: 0 });
    await http()
      .put('/area-risk-levels/330521102')
      .set(bearer(countyOfficer))
      .send({ level: 'low', reason: '解除封控' })
      .expect((r) => expect([200, 201]).toContain(r.status));
    expect(await sweep()).toEqual({ exited: 1, paused: 0, cleared: 0, registerSynced: 0 });
    expect(await sweep()).toEqual({ exited: 0, paused: 0, cleared: 0, registerSynced: 0 });
    const p = await registersOf(ids.risk.memberIds[1]);
    expect(p.memberships).toEqual([
      { register: 'dibao', sourceType: 'household', sourceId: ids.risk.householdId, from: '2026-03-02', to: '2026-09-20' },
    ]);
  });

  it('published exactly one HouseholdExited per exited household (none for the cancelled one)', async () => {
    await app.get(OutboxRelay).flush();
    // a marker written after every exit: a fresh assessment of the cancelled household
    const marker = await http().post(`/households/${ids.back.householdId}/assessments`).set(bearer(townshipOfficer)).expect(201);
    await waitFor('the marker', () =>
      recorder.of(topic, HouseholdCategoryDeterminedV1.type).find((m) => m.json.determinedAt === marker.body.assessment.at),
    );
    expect(exitsOf(ids.low.householdId)).toHaveLength(1);
    expect(exitsOf(ids.risk.householdId)).toHaveLength(1);
    expect(exitsOf(ids.back.householdId)).toHaveLength(0);
    expect(exitsOf(ids.risk.householdId)[0].json).toMatchObject({ exitedAt: '2026-09-20T01:00:00.000Z', reason: 'phase-out-ended' });
    const everything = recorder
      .of(topic)
      .map((m) => `${m.value} ${JSON.stringify(m.headers)}`)
      .join('\n');
    for (const seq of [11, 21, 31]) {
      expect(everything).not.toContain(idNumber('1970-01-01', seq));
      expect(everything).not.toContain(idNumber('1972-01-01', seq + 2));
    }
    expect(everything).not.toMatch(/low甲|risk乙/);
  });

  it('lets only an admin run the sweep', async () => {
    await http().post('/households/phase-out-sweeps').set(bearer(countyOfficer)).expect(403);
  });
});
