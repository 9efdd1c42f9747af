import { INestApplication } from '@nestjs/common';
import { SettableClock } from '@civil/kernel';
import { bearer, isolatedRun } from '@civil/testing';
import request from 'supertest';
import { HouseholdRegisters } from '../src/households/application/household-registers';
import { HouseholdRepository } from '../src/households/infrastructure/household.repository';
import { PersonRegistry } from '../src/people/application/person-registry';
import { admin, countyOfficer, idNumber, startSocialRelief, townshipOfficer } from './support';

describe('households: a member’s register change survives a crash after the household is written', () => {
  const run = isolatedRun('sr-household-register-repair');
  const clock = new SettableClock('2026-03-02T01:00:00Z');
  let app: INestApplication;
  let householdId: string;
  let headId: string;
  const http = () => request(app.getHttpServer());
  const sweep = async () => (await http().post('/households/phase-out-sweeps').set(bearer(admin)).expect(200)).body;
  const personOf = async (personId: string) => (await http().get(`/people/${personId}`).set(bearer(countyOfficer)).expect(200)).body;
  const pendingOf = async () => (await app.get(HouseholdRepository).get(householdId))?.value.registerSyncPending ?? [];

  beforeAll(async () => {
    app = await startSocialRelief(run, clock);
    const created = await http()
      .post('/households')
      .set(bearer(townshipOfficer))
      .send({
        divisionCode: '330521101',
        members: [{ name: '钱一', idNumber: idNumber('1960-01-01', 411), relation: 'head', canWork: false }],
        incomes: [{ memberIndex: 0, kind: 'wages', monthlyFen: 10_000, verifiable: true }],
      })
      .expect(201);
    householdId = created.body.householdId;
    headId = created.body.members[0].personId;
    await http().post(`/households/${householdId}/assessments`).set(bearer(townshipOfficer)).expect(201);
    await app.get(HouseholdRegisters).enrolFromApplication(householdId, 'dibao', 'app-register-repair', clock.now());
    expect((await personOf(headId)).registers).toEqual(['dibao']);
  });

  afterEach(() => jest.restoreAllMocks());

  afterAll(async () => {
    await app?.close();
  });

  it('adds a member to an enrolled household although enrolling them fails; the sweep puts them on the register', async () => {
    clock.set('2026-03-05T01:00:00Z');
    const enrol = jest.spyOn(app.get(PersonRegistry), 'enrol').mockRejectedValueOnce(new Error('process died here'));
    const added = await http()
      .post(`/households/${householdId}/members`)
      .set(bearer(townshipOfficer))
      .send({ name: '钱二', idNumber: idNumber('1962-02-02', 412), relation: 'spouse', canWork: false })
      .expect(201);
    expect(enrol).toHaveBeenCalledTimes(1);
    const spouseId = added.body.members.find((m: { personId: string }) => m.personId !== headId).personId;
    expect((await personOf(spouseId)).registers).toEqual([]);
    expect(await pendingOf()).toEqual([
      expect.objectContaining({ action: 'enrol', category: 'dibao', day: '2026-03-05', personIds: [spouseId] }),
    ]);

    clock.set('2026-03-06T01:00:00Z');
    expect(await sweep()).toMatchObject({ exited: 0, registerSynced: 1 });
    const spouse = await personOf(spouseId);
    expect(spouse.registers).toEqual(['dibao']);
    expect(spouse.memberships).toEqual([
      { register: 'dibao', sourceType: 'household', sourceId: householdId, from: '2026-03-05', to: null },
    ]);
    expect(await pendingOf()).toEqual([]);
    expect(await sweep()).toMatchObject({ registerSynced: 0 });
  });

  it('removes a member although ending their membership fails; the sweep takes them off the 低保 register', async () => {
    const household = (await http().get(`/households/${householdId}`).set(bearer(townshipOfficer)).expect(200)).body;
    const spouseId = household.members.find((m: { personId: string }) => m.personId !== headId).personId;
    clock.set('2026-03-20T01:00:00Z');
    jest.spyOn(app.get(PersonRegistry), 'endMembership').mockRejectedValueOnce(new Error('process died here'));
    await http().delete(`/households/${householdId}/members/${spouseId}`).set(bearer(townshipOfficer)).expect(200);
    expect((await personOf(spouseId)).registers).toEqual(['dibao']);
    expect(await pendingOf()).toEqual([
      expect.objectContaining({ action: 'end', category: 'dibao', day: '2026-03-20', personIds: [spouseId] }),
    ]);
    // the retry finds no such member: only the sweep can repair it
    await http().delete(`/households/${householdId}/members/${spouseId}`).set(bearer(townshipOfficer)).expect(404);

    clock.set('2026-03-21T01:00:00Z');
    expect(await sweep()).toMatchObject({ registerSynced: 1 });
    const spouse = await personOf(spouseId);
    expect(spouse.registers).toEqual([]);
    expect(spouse.memberships).toEqual([
      expect.objectContaining({ register: 'dibao', sourceId: householdId, from: '2026-03-05', to: '2026-03-20' }),
    ]);
    expect((await personOf(headId)).registers).toEqual(['dibao']);
    expect(await pendingOf()).toEqual([]);
  });
});
