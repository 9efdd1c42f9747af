import { INestApplication } from '@nestjs/common';
import { SettableClock } from '@civil/kernel';
import { bearer, isolatedRun } from '@civil/testing';
import request from 'supertest';
import { countyOfficer, homeStaff, startFuneralOperations } from './support';

const HOME = 'fh-sched';
const staff = homeStaff(HOME);

describe('cremation scheduling against cremator hours, capacity and extension orders', () => {
  const run = isolatedRun('fo-scheduling');
  const clock = new SettableClock('2026-03-06T00:00:00Z'); // 08:00 Beijing
  let app: INestApplication;
  const http = () => request(app.getHttpServer());
  let slot = 0;

  const storedCase = async () => {
    const id = (
      await http()
        .post('/funeral-cases')
        .set(bearer(staff))
        .send({ homeId: HOME, deceased: { name: '周九' }, diedAt: '2026-03-05T20:00:00Z', infectious: false, place: '家中' })
        .expect(201)
    ).body.caseId as string;
    await http().post(`/funeral-cases/${id}/dispatch`).set(bearer(staff)).send({ vehicleId: 'v1' }).expect(200);
    await http().post(`/funeral-cases/${id}/pick-up`).set(bearer(staff)).send({ place: '家中' }).expect(200);
    await http().post(`/funeral-cases/${id}/storage`).set(bearer(staff)).send({ slot: ++slot }).expect(200);
    return id;
  };
  const book = (caseId: string, body: object = {}) =>
    http().post(`/funeral-cases/${caseId}/cremation-booking`).set(bearer(staff)).send(body);

  beforeAll(async () => {
    app = await startFuneralOperations(run, clock);
    await http()
      .post('/funeral-homes')
      .set(bearer(countyOfficer))
      .send({
        homeId: HOME,
        name: '排期殡仪馆',
        divisionCode: '330521',
        openingHours: { start: '07:00', end: '18:00' },
        coldStorageSlots: 40,
        bodyCarts: 4,
        crowdedAreas: [],
      })
      .expect(201);
    await http()
      .post(`/funeral-homes/${HOME}/equipment`)
      .set(bearer(countyOfficer))
      .send({ equipmentId: 'v1', kind: 'vehicle', name: '接运车' })
      .expect(201);
    // c1: 08:00–11:00 (two 90-minute cremations); c2: 09:00–10:30 (one)
    await http()
      .post(`/funeral-homes/${HOME}/equipment`)
      .set(bearer(countyOfficer))
      .send({ equipmentId: 'c1', kind: 'cremator', name: '1号炉', hours: { start: '08:00', end: '11:00' } })
      .expect(201);
    await http()
      .post(`/funeral-homes/${HOME}/equipment`)
      .set(bearer(countyOfficer))
      .send({ equipmentId: 'c2', kind: 'cremator', name: '2号炉', hours: { start: '09:00', end: '10:30' } })
      .expect(201);
  });

  afterAll(async () => {
    await app?.close();
  });

  it('places earliest fit within each cremator’s hours, and refuses to double-book a slot (409)', async () => {
    const [a, b, c, d] = [await storedCase(), await storedCase(), await storedCase(), await storedCase()];
    const explicit = await book(a, { crematorId: 'c1', start: '2026-03-06T01:30:00Z' }).expect(200); // 09:30
    expect(explicit.body.cremation).toMatchObject({ crematorId: 'c1', start: '2026-03-06T01:30:00.000Z', end: '2026-03-06T03:00:00.000Z' });
    const taken = await book(b, { crematorId: 'c1', start: '2026-03-06T01:00:00Z' }).expect(409); // 09:00–10:30 overlaps 09:30
    expect(taken.body).toMatchObject({ error: 'SlotTaken', message: expect.stringContaining('double-booked') });
    const outside = await book(b, { crematorId: 'c2', start: '2026-03-06T02:00:00Z' }).expect(409); // 10:00–11:30, c2 closes 10:30
    expect(outside.body.error).toBe('OutsideCrematorHours');
    const half = await book(b, { crematorId: 'c2' }).expect(400);
    expect(half.body.details).toEqual({ field: 'start' });

    expect((await book(b).expect(200)).body.cremation).toMatchObject({ crematorId: 'c1', start: '2026-03-06T00:00:00.000Z' }); // 08:00 c1
    expect((await book(c).expect(200)).body.cremation).toMatchObject({ crematorId: 'c2', start: '2026-03-06T01:00:00.000Z' }); // 09:00 c2
    expect((await book(d).expect(200)).body.cremation).toMatchObject({
      crematorId: 'c1',
      start: '2026-03-07T00:00:00.000Z',
      day: '2026-03-07',
    }); // today full
  });

  it('shows the queue: cases waiting, slots placed, and the expected wait for a new case', async () => {
    const waiting = await storedCase();
    const q = await http().get(`/funeral-homes/${HOME}/cremation-queue`).set(bearer(staff)).expect(200);
    expect(q.body).toMatchObject({ homeId: HOME, cremationMinutes: 90, waiting: [{ caseId: waiting }] });
    expect(q.body.placed.map((p: { crematorId: string; start: string }) => `${p.crematorId}@${p.start}`)).toEqual([
      'c1@2026-03-06T00:00:00.000Z',
      'c2@2026-03-06T01:00:00.000Z',
      'c1@2026-03-06T01:30:00.000Z',
      'c1@2026-03-07T00:00:00.000Z',
    ]);
    // next free: tomorrow 09:00 on c2 (c1 is taken at 08:00)
    expect(q.body.expectedWaitMinutes).toBe(25 * 60);
    await http()
      .get(`/funeral-homes/${HOME}/cremation-queue`)
      .set(bearer(homeStaff('fh-other')))
      .expect(404);
    await book(waiting).expect(200);
  });

  it('an extension order (延长火化时间) opens the evening the same day', async () => {
    const late = await storedCase();
    await http()
      .post(`/funeral-homes/${HOME}/hours-extensions`)
      .set(bearer(countyOfficer))
      .send({
        orderId: 'ext-1',
        crematorIds: ['c1'],
        from: '2026-03-06',
        to: '2026-03-06',
        hours: { start: '08:00', end: '20:00' },
        reason: '疫情期间延长火化时间',
      })
      .expect(201);
    expect((await book(late).expect(200)).body.cremation).toMatchObject({
      crematorId: 'c1',
      start: '2026-03-06T03:00:00.000Z',
      day: '2026-03-06',
    }); // 11:00
    const evening = await storedCase();
    expect((await book(evening, { crematorId: 'c1', start: '2026-03-06T10:00:00Z' }).expect(200)).body.cremation).toMatchObject({
      end: '2026-03-06T11:30:00.000Z',
    }); // 18:00–19:30
    const tooLate = await storedCase();
    expect((await book(tooLate, { crematorId: 'c1', start: '2026-03-06T11:00:00Z' }).expect(409)).body.error).toBe('OutsideCrematorHours'); // 19:00–20:30
    expect((await book(tooLate, { crematorId: 'c2', start: '2026-03-06T10:00:00Z' }).expect(409)).body.error).toBe('OutsideCrematorHours'); // c2 not extended
  });

  it('never double-books under concurrent placement', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) ids.push(await storedCase());
    const results = await Promise.all(ids.map((id) => book(id)));
    expect(results.map((r) => r.status)).toEqual(ids.map(() => 200));
    const q = await http().get(`/funeral-homes/${HOME}/cremation-queue`).set(bearer(countyOfficer)).expect(200);
    const placed: { crematorId: string; start: string; end: string }[] = q.body.placed;
    for (const x of placed) {
      for (const y of placed) {
        if (x === y || x.crematorId !== y.crematorId) continue;
        expect(x.start >= y.end || y.start >= x.end).toBe(true);
      }
    }
    expect(new Set(placed.map((p) => p.crematorId + p.start)).size).toBe(placed.length);
    expect(q.body.waiting).toHaveLength(1); // the case refused above
  });
});
