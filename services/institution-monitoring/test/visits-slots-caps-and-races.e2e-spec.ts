import { INestApplication } from '@nestjs/common';
import { SettableClock } from '@civil/kernel';
import { bearer, isolatedRun } from '@civil/testing';
import request from 'supertest';
import { VisitDayRepository } from '../src/visits/infrastructure/visit-day.repository';
import { countyOfficer, startInstitutionMonitoring, unit } from './support';

/** Admits a resident through the residents endpoint; its id is the one the service assigns. */
async function admit(http: ReturnType<typeof request>, unitId: string, body: Record<string, unknown> = {}): Promise<string> {
  const res = await http
    .post(`/institutions/${unitId}/residents`)
    .set(bearer(countyOfficer))
    .send({ name: '张桂兰', ...body })
    .expect(201);
  return res.body.residentId;
}

function visit(residentId: string, date: string, slotStart: string, over: Record<string, unknown> = {}) {
  return {
    residentId,
    date,
    slotStart,
    visitor: { name: '李明', phone: '13812345678', relation: 'child' },
    healthDeclaration: { symptoms: false, temperatureC: 36.5 },
    ...over,
  };
}

describe('visits: staggered slots and caps hold under concurrent bookings, and follow the regional settings', () => {
  const run = isolatedRun('im-visit-caps');
  const clock = new SettableClock('2026-03-02T01:00:00Z'); // Monday 09:00 in Beijing
  const staff = (unitId: string, township: string) => ({
    sub: `staff-${unitId}`,
    roles: ['unit-staff' as const],
    jurisdiction: township,
    unitId,
  });
  let app: INestApplication;
  let http: ReturnType<typeof request>;

  beforeAll(async () => {
    app = await startInstitutionMonitoring(run, clock);
    http = request(app.getHttpServer());
    // each unit in its own township, so a township's settings touch only its unit
    for (const [u, township] of [
      ['u-vis-race', '330521101'],
      ['u-vis-day', '330521102'],
      ['u-vis-week', '330521103'],
      ['u-vis-set', '330521104'],
    ]) {
      await http.post('/institutions').set(bearer(countyOfficer)).send(unit(u, township)).expect(201);
    }
  });

  afterAll(async () => {
    await app?.close();
  });

  it('lets exactly N of N+2 simultaneous bookings take a slot of N places, and shows it full', async () => {
    const unitId = 'u-vis-race';
    const desk = staff(unitId, '330521101');
    const slots = await http.get(`/institutions/${unitId}/visit-slots?date=2026-03-03`).set(bearer(desk)).expect(200);
    expect(slots.body.slots).toHaveLength(16); // 09:00–17:00, 30 minutes each (defaults)
    const capacity = slots.body.slotCapacity;
    expect(capacity).toBe(4);

    const residents: string[] = [];
    for (let i = 0; i < capacity + 2; i++) residents.push(await admit(http, unitId));
    const results = await Promise.all(
      residents.map((r) =>
        http
          .post(`/institutions/${unitId}/visits`)
          .set(bearer(desk))
          .send(visit(r, '2026-03-03', '10:00')),
      ),
    );

    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([...Array(capacity).fill(201), 409, 409]);
    expect(
      results.filter((r) => r.status === 409).every((r) => r.body.error === 'SlotFull' && r.body.details.rule === 'visit-slot-capacity'),
    ).toBe(true);
    expect(results.filter((r) => r.status === 201).every((r) => r.body.status === 'booked' && r.body.slotEnd === '10:30')).toBe(true);

    const after = await http.get(`/institutions/${unitId}/visit-slots?date=2026-03-03`).set(bearer(desk)).expect(200);
    expect(after.body.slots.find((s: { start: string }) => s.start === '10:00')).toMatchObject({
      capacity: 4,
      booked: 4,
      remaining: 0,
      open: false,
    });
    expect(after.body.slots.find((s: { start: string }) => s.start === '10:30')).toMatchObject({ booked: 0, remaining: 4, open: true });
    const listed = await http.get(`/institutions/${unitId}/visits?date=2026-03-03`).set(bearer(desk)).expect(200);
    expect(listed.body).toHaveLength(capacity);
  });

  it('frees the place when a booking is cancelled', async () => {
    const unitId = 'u-vis-race';
    const desk = staff(unitId, '330521101');
    const listed = await http.get(`/institutions/${unitId}/visits?date=2026-03-03`).set(bearer(desk)).expect(200);
    const [first] = listed.body;
    const late = await admit(http, unitId);
    await http
      .post(`/institutions/${unitId}/visits`)
      .set(bearer(desk))
      .send(visit(late, '2026-03-03', '10:00'))
      .expect(409);

    const cancelled = await http
      .post(`/institutions/${unitId}/visits/${first.visitId}/cancellation`)
      .set(bearer(desk))
      .send({ reason: '家属改期' })
      .expect(201);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', statusLabel: '已取消 (cancelled)' });
    await http
      .post(`/institutions/${unitId}/visits/${first.visitId}/cancellation`)
      .set(bearer(desk))
      .send({ reason: '再次取消' })
      .expect(409);

    await http
      .post(`/institutions/${unitId}/visits`)
      .set(bearer(desk))
      .send(visit(late, '2026-03-03', '10:00'))
      .expect(201);
  });

  it('refuses the visit past the unit daily cap, whatever slot it asks for', async () => {
    const unitId = 'u-vis-day';
    await http
      .put('/regional-settings/visits-per-unit-per-day')
      .set(bearer(countyOfficer))
      .send({ divisionCode: '330521102', value: 5 })
      .expect(200);
    const desk = staff(unitId, '330521102');
    const residents: string[] = [];
    for (let i = 0; i < 6; i++) residents.push(await admit(http, unitId));
    for (let i = 0; i < 5; i++) {
      await http
        .post(`/institutions/${unitId}/visits`)
        .set(bearer(desk))
        .send(visit(residents[i], '2026-03-03', i < 4 ? '09:00' : '14:00'))
        .expect(201);
    }
    const refused = await http
      .post(`/institutions/${unitId}/visits`)
      .set(bearer(desk))
      .send(visit(residents[5], '2026-03-03', '15:00'))
      .expect(409);
    expect(refused.body).toMatchObject({ error: 'UnitDailyCapReached', details: { rule: 'visits-per-unit-per-day', cap: 5 } });
    const slots = await http.get(`/institutions/${unitId}/visit-slots?date=2026-03-03`).set(bearer(desk)).expect(200);
    expect(slots.body).toMatchObject({ dailyCap: 5, dailyBooked: 5, dailyRemaining: 0 });
    expect(slots.body.slots.every((s: { open: boolean }) => !s.open)).toBe(true);
    // the next day starts afresh
    await http
      .post(`/institutions/${unitId}/visits`)
      .set(bearer(desk))
      .send(visit(residents[5], '2026-03-04', '15:00'))
      .expect(201);
  });

  it('allows a resident 2 visits in any 7 days, refuses the third, and allows one a week on', async () => {
    const unitId = 'u-vis-week';
    const desk = staff(unitId, '330521103');
    const resident = await admit(http, unitId);
    await http
      .post(`/institutions/${unitId}/visits`)
      .set(bearer(desk))
      .send(visit(resident, '2026-03-03', '10:00'))
      .expect(201);
    await http
      .post(`/institutions/${unitId}/visits`)
      .set(bearer(desk))
      .send(visit(resident, '2026-03-05', '10:00'))
      .expect(201);
    const third = await http
      .post(`/institutions/${unitId}/visits`)
      .set(bearer(desk))
      .send(visit(resident, '2026-03-09', '10:00'))
      .expect(409);
    expect(third.body).toMatchObject({
      error: 'ResidentWeeklyCapReached',
      details: { rule: 'visits-per-resident-per-week', cap: 2, from: '2026-03-03', to: '2026-03-09' },
    });
    // 10 March: the 7 days from 4 to 10 March hold only the visit of the 5th
    await http
      .post(`/institutions/${unitId}/visits`)
      .set(bearer(desk))
      .send(visit(resident, '2026-03-10', '10:00'))
      .expect(201);
  });

  it('never lets simultaneous bookings on different days carry a resident past the weekly cap', async () => {
    const unitId = 'u-vis-week';
    const desk = staff(unitId, '330521103');
    const resident = await admit(http, unitId);
    const days = ['2026-03-16', '2026-03-17', '2026-03-18', '2026-03-19', '2026-03-20'];
    const results = await Promise.all(
      days.map((d) =>
        http
          .post(`/institutions/${unitId}/visits`)
          .set(bearer(desk))
          .send(visit(resident, d, '11:00')),
      ),
    );
    const booked = results.filter((r) => r.status === 201);
    expect(booked.length).toBeGreaterThanOrEqual(1);
    expect(booked.length).toBeLessThanOrEqual(2);
    expect(results.filter((r) => r.status !== 201).every((r) => r.status === 409 && r.body.error === 'ResidentWeeklyCapReached')).toBe(
      true,
    );
    // what is stored agrees with what was answered
    const stored = [];
    for (const d of days) {
      const listed = await http.get(`/institutions/${unitId}/visits?date=${d}`).set(bearer(desk)).expect(200);
      stored.push(...listed.body.filter((v: { residentId: string; status: string }) => v.residentId === resident && v.status === 'booked'));
    }
    expect(stored.map((v) => v.visitId).sort()).toEqual(booked.map((r) => r.body.visitId).sort());
  });

  it('withdraws a booking that lost a weekly-cap race in one atomic step, freeing its place', async () => {
    const unitId = 'u-vis-week';
    const desk = staff(unitId, '330521103');
    const resident = await admit(http, unitId);
    const booked = await http
      .post(`/institutions/${unitId}/visits`)
      .set(bearer(desk))
      .send(visit(resident, '2026-03-24', '09:00'))
      .expect(201);
    await app.get(VisitDayRepository).withdraw(unitId, '2026-03-24', booked.body.visitId);
    const slots = await http.get(`/institutions/${unitId}/visit-slots?date=2026-03-24`).set(bearer(desk)).expect(200);
    expect(slots.body).toMatchObject({ dailyBooked: 0 });
    expect(slots.body.slots[0]).toMatchObject({ start: '09:00', booked: 0, remaining: 4 });
    // the day document is still writable by compare-and-set after the withdrawal bumped its version
    await http
      .post(`/institutions/${unitId}/visits`)
      .set(bearer(desk))
      .send(visit(resident, '2026-03-24', '09:00'))
      .expect(201);
  });

  it('applies a change of slot capacity from its effective day, earlier days keeping theirs', async () => {
    const unitId = 'u-vis-set';
    const desk = staff(unitId, '330521104');
    await http
      .put('/regional-settings/visit-slot-capacity')
      .set(bearer(countyOfficer))
      .send({ divisionCode: '330521104', value: 2, effectiveFrom: '2026-03-04' })
      .expect(200);
    const before = await http.get(`/institutions/${unitId}/visit-slots?date=2026-03-03`).set(bearer(desk)).expect(200);
    const after = await http.get(`/institutions/${unitId}/visit-slots?date=2026-03-04`).set(bearer(desk)).expect(200);
    expect(before.body.slotCapacity).toBe(4);
    expect(after.body.slotCapacity).toBe(2);
    expect(after.body.slots[0]).toMatchObject({ start: '09:00', capacity: 2, remaining: 2 });

    const residents: string[] = [];
    for (let i = 0; i < 3; i++) residents.push(await admit(http, unitId));
    await http
      .post(`/institutions/${unitId}/visits`)
      .set(bearer(desk))
      .send(visit(residents[0], '2026-03-04', '09:00'))
      .expect(201);
    await http
      .post(`/institutions/${unitId}/visits`)
      .set(bearer(desk))
      .send(visit(residents[1], '2026-03-04', '09:00'))
      .expect(201);
    const full = await http
      .post(`/institutions/${unitId}/visits`)
      .set(bearer(desk))
      .send(visit(residents[2], '2026-03-04', '09:00'))
      .expect(409);
    expect(full.body).toMatchObject({ error: 'SlotFull', details: { cap: 2 } });

    // the grid follows the settings too: hour-long slots from 14:00
    await http
      .put('/regional-settings/visit-slot-minutes')
      .set(bearer(countyOfficer))
      .send({ divisionCode: '330521104', value: 60, effectiveFrom: '2026-03-05' })
      .expect(200);
    await http
      .put('/regional-settings/visit-day-start-hour')
      .set(bearer(countyOfficer))
      .send({ divisionCode: '330521104', value: 14, effectiveFrom: '2026-03-05' })
      .expect(200);
    const grid = await http.get(`/institutions/${unitId}/visit-slots?date=2026-03-05`).set(bearer(desk)).expect(200);
    expect(grid.body.slots.map((s: { start: string; end: string }) => `${s.start}-${s.end}`)).toEqual([
      '14:00-15:00',
      '15:00-16:00',
      '16:00-17:00',
    ]);
    const offGrid = await http
      .post(`/institutions/${unitId}/visits`)
      .set(bearer(desk))
      .send(visit(residents[2], '2026-03-05', '09:00'))
      .expect(400);
    expect(offGrid.body).toMatchObject({ error: 'SlotNotOnGrid', details: { field: 'slotStart' } });
  });
});
