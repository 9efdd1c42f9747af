import { INestApplication } from '@nestjs/common';
import { SettableClock } from '@civil/kernel';
import { bearer, isolatedRun } from '@civil/testing';
import request from 'supertest';
import { CaseWriter } from '../src/cases/application/case-writer';
import { HomeDirectory } from '../src/homes/application/home-directory';
import { CremationScheduler } from '../src/scheduling/application/cremation-scheduler';
import { CustodyClaimsRepository, slotClaim, vehicleClaim } from '../src/scheduling/infrastructure/custody-claims.repository';
import { countyOfficer, homeStaff, startFuneralOperations } from './support';

const HOME = 'fh-repair';
const staff = homeStaff(HOME);
const cdc = { organisation: '德清县疾病预防控制中心', contactName: '周医生', contactPhone: '13900002222' };

describe('claims and cremation bookings kept in step with their cases (lost writes, crashes, the repair in the capacity sweep)', () => {
  const run = isolatedRun('fo-custody-repair');
  const clock = new SettableClock('2026-03-06T00:00:00Z'); // 08:00 Beijing
  let app: INestApplication;
  const http = () => request(app.getHttpServer());
  const minutesLater = (m: number) => clock.set(new Date(clock.now().getTime() + m * 60_000).toISOString());

  const intake = async (over: Record<string, unknown> = {}) =>
    (
      await http()
        .post('/funeral-cases')
        .set(bearer(staff))
        .send({ homeId: HOME, deceased: { name: '赵六' }, diedAt: '2026-03-05T20:00:00Z', infectious: false, place: '家中', ...over })
        .expect(201)
    ).body.caseId as string;
  const stored = async (slot: number, vehicleId = 'v1') => {
    const id = await intake();
    await http().post(`/funeral-cases/${id}/dispatch`).set(bearer(staff)).send({ vehicleId }).expect(200);
    await http().post(`/funeral-cases/${id}/pick-up`).set(bearer(staff)).send({ place: '家中' }).expect(200);
    await http().post(`/funeral-cases/${id}/storage`).set(bearer(staff)).send({ slot }).expect(200);
    return id;
  };
  const occupied = async () =>
    (await http().get('/capacity?divisionCode=330521').set(bearer(countyOfficer)).expect(200)).body.homes.find(
      (h: { homeId: string }) => h.homeId === HOME,
    ).coldStorage.occupied;
  const sweep = () => http().post('/capacity/sweep').set(bearer(countyOfficer)).expect(201);
  const caseBody = async (id: string) => (await http().get(`/funeral-cases/${id}`).set(bearer(staff)).expect(200)).body;
  const placed = async () =>
    (await http().get(`/funeral-homes/${HOME}/cremation-queue`).set(bearer(staff)).expect(200)).body.placed as {
      caseId: string;
      start: string;
    }[];
  /** Every scheduled case has its booking in the schedule, and every booking belongs to a case scheduled there. */
  const expectInStep = async () => {
    const scheduled = (await http().get(`/funeral-cases?status=scheduled`).set(bearer(staff)).expect(200)).body as {
      caseId: string;
      cremation: { start: string };
    }[];
    expect((await placed()).map((p) => [p.caseId, p.start]).sort()).toEqual(scheduled.map((c) => [c.caseId, c.cremation.start]).sort());
    return scheduled;
  };

  beforeAll(async () => {
    app = await startFuneralOperations(run, clock);
    await http()
      .post('/funeral-homes')
      .set(bearer(countyOfficer))
      .send({
        homeId: HOME,
        name: '修复殡仪馆',
        divisionCode: '330521',
        openingHours: { start: '07:00', end: '18:00' },
        coldStorageSlots: 10,
        bodyCarts: 2,
        crowdedAreas: [],
      })
      .expect(201);
    for (const e of [
      { equipmentId: 'v1', kind: 'vehicle', name: '接运车1' },
      { equipmentId: 'v2', kind: 'vehicle', name: '接运车2' },
      { equipmentId: 'v3', kind: 'vehicle', name: '接运车3' },
      { equipmentId: 'c1', kind: 'cremator', name: '1号炉', hours: { start: '08:00', end: '17:00' } },
    ]) {
      await http().post(`/funeral-homes/${HOME}/equipment`).set(bearer(countyOfficer)).send(e).expect(201);
    }
  });

  afterEach(() => jest.restoreAllMocks());

  afterAll(async () => {
    await app?.close();
  });

  it('a vehicle claimed by a case whose dispatch was never written is taken over once the claim is stale', async () => {
    const crashed = await intake();
    // the claim written, the dispatch not (a crash in between)
    expect(await app.get(CustodyClaimsRepository).claim(vehicleClaim(HOME, 'v2'), crashed, HOME, clock.now())).toBe(true);
    const other = await intake();
    // within the grace the first dispatch may still be being written
    expect(
      (await http().post(`/funeral-cases/${other}/dispatch`).set(bearer(staff)).send({ vehicleId: 'v2' }).expect(409)).body.error,
    ).toBe('VehicleOnAnotherRun');
    minutesLater(6);
    const taken = await http().post(`/funeral-cases/${other}/dispatch`).set(bearer(staff)).send({ vehicleId: 'v2' }).expect(200);
    expect(taken.body).toMatchObject({ status: 'dispatched', vehicleId: 'v2' });
    expect(await app.get(CustodyClaimsRepository).holder(vehicleClaim(HOME, 'v2'))).toBe(other);
    await http().post(`/funeral-cases/${crashed}/cancellation`).set(bearer(staff)).send({ reason: '家属取消' }).expect(200);
    await http().post(`/funeral-cases/${other}/cancellation`).set(bearer(staff)).send({ reason: '家属取消' }).expect(200);
  });

  it('a slot still claimed by a cancelled case is not counted after the sweep, and a new case takes it over', async () => {
    const claims = app.get(CustodyClaimsRepository);
    const gone = await stored(1);
    await http().post(`/funeral-cases/${gone}/cancellation`).set(bearer(staff)).send({ reason: '转外地火化' }).expect(200);
    // the cancellation written, the slot not released (a crash in between)
    expect(await claims.claim(slotClaim(HOME, 1), gone, HOME, clock.now())).toBe(true);
    await sweep();
    expect(await occupied()).toBe(0);
    expect(await claims.holder(slotClaim(HOME, 1))).toBeNull();

    expect(await claims.claim(slotClaim(HOME, 2), gone, HOME, clock.now())).toBe(true);
    const next = await stored(2);
    expect((await caseBody(next)).slot).toBe(2);
    expect(await claims.holder(slotClaim(HOME, 2))).toBe(next);
    await sweep();
    expect(await occupied()).toBe(1);
  });

  it('a reschedule whose case write loses keeps the case’s booking; nothing is unbooked before the write', async () => {
    const first = await stored(3);
    const second = await stored(4);
    const a = await http().post(`/funeral-cases/${first}/cremation-booking`).set(bearer(staff)).send({}).expect(200);
    await http().post(`/funeral-cases/${second}/cremation-booking`).set(bearer(staff)).send({}).expect(200);
    jest.spyOn(app.get(CaseWriter), 'commit').mockResolvedValueOnce(false); // someone else wrote the case meanwhile
    await http()
      .post(`/funeral-cases/${first}/cremation-booking`)
      .set(bearer(staff))
      .send({ crematorId: 'c1', start: '2026-03-07T02:00:00.000Z' })
      .expect(409);
    expect((await caseBody(first)).cremation.start).toBe(a.body.cremation.start);
    await expectInStep();
    expect((await placed()).map((p) => p.start)).not.toContain('2026-03-07T02:00:00.000Z');
  });

  it('an infectious placement whose case write loses places the displaced case again', async () => {
    const scheduledBefore = await expectInStep();
    expect(scheduledBefore).toHaveLength(2);
    // died 10:50 Beijing yesterday: due by 10:50 today, before the first free slot (11:00)
    const infectious = await intake({ infectious: true, disease: 'COVID-19', diedAt: '2026-03-05T02:50:00Z' });
    await http().post(`/funeral-cases/${infectious}/dispatch`).set(bearer(staff)).send({ vehicleId: 'v3' }).expect(200);
    await http().post(`/funeral-cases/${infectious}/pick-up`).set(bearer(staff)).send({ place: '隔离点', cdc }).expect(200);
    jest.spyOn(app.get(CaseWriter), 'commit').mockResolvedValueOnce(false);
    await http().post(`/funeral-cases/${infectious}/cremation-booking`).set(bearer(staff)).send({}).expect(409);
    expect((await caseBody(infectious)).status).toBe('picked-up');
    const after = await expectInStep();
    expect(after.map((c) => c.caseId).sort()).toEqual(scheduledBefore.map((c) => c.caseId).sort());
    expect((await placed()).map((p) => p.caseId)).not.toContain(infectious);
  });

  it('the sweep removes a booking no case holds and places again a scheduled case whose booking was lost', async () => {
    const [lost] = await expectInStep();
    const scheduler = app.get(CremationScheduler);
    const home = (await app.get(HomeDirectory).get(HOME))!;
    // a crash left the schedule out of step: one case's booking gone, a booking for a case never written
    await scheduler.unbook(HOME, lost.cremation.start.slice(0, 10), lost.caseId);
    await scheduler.place(home, { caseId: 'fc-never-written', infectious: false, cremateBy: null });
    expect((await placed()).map((p) => p.caseId)).toContain('fc-never-written');
    expect((await placed()).map((p) => p.caseId)).not.toContain(lost.caseId);

    // within the grace a booking may belong to a move being written: left alone
    await sweep();
    expect((await placed()).map((p) => p.caseId)).toContain('fc-never-written');

    minutesLater(6);
    await sweep();
    expect((await placed()).map((p) => p.caseId)).not.toContain('fc-never-written');
    const scheduled = await expectInStep();
    expect(scheduled.map((c) => c.caseId)).toContain(lost.caseId);
    const log = await http().get(`/funeral-cases/${lost.caseId}/custody`).set(bearer(staff)).expect(200);
    expect(log.body.entries.at(-1)).toMatchObject({
      from: 'scheduled',
      to: 'scheduled',
      who: 'scheduler',
      why: expect.stringContaining('排期修复'),
    });
  });
});
