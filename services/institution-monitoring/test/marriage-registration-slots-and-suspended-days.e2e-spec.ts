import { INestApplication } from '@nestjs/common';
import { MarriageAppointmentCancelledV1, ServiceDaySuspendedV1, ServiceWindowTopic } from '@civil/contracts';
import { SettableClock } from '@civil/kernel';
import { TopicNames } from '@civil/messaging';
import { bearer, isolatedRun, TopicRecorder } from '@civil/testing';
import request from 'supertest';
import { admin, countyOfficer, startInstitutionMonitoring, unit } from './support';

function window(unitId: string, township: string) {
  return { ...unit(unitId, township, 'service-window'), name: `${unitId} 婚姻登记处`, operator: 'public', beds: 0, bedsInUse: 0 };
}

describe('marriage registration at a service window: staggered slots with a cap, days suspended by an advance notice', () => {
  const run = isolatedRun('im-marriage');
  const clock = new SettableClock('2026-01-27T01:00:00Z'); // Tuesday 09:00 in Beijing
  const topic = new TopicNames(run.topicPrefix).physical(ServiceWindowTopic.name);
  const desk = (unitId: string, township: string) => ({
    sub: `desk-${unitId}`,
    roles: ['unit-staff' as const],
    jurisdiction: township,
    unitId,
  });
  let app: INestApplication;
  let http: ReturnType<typeof request>;
  let recorder: TopicRecorder;

  const book = (unitId: string, who: object, date: string, slotStart: string, contact = { name: '王芳', phone: '13812345678' }) =>
    http
      .post(`/institutions/${unitId}/marriage-appointments`)
      .set(bearer(who as typeof countyOfficer))
      .send({ date, slotStart, contact });

  beforeAll(async () => {
    app = await startInstitutionMonitoring(run, clock);
    http = request(app.getHttpServer());
    recorder = await new TopicRecorder([topic]).start();
    await http.post('/institutions').set(bearer(countyOfficer)).send(window('u-mr-caps', '330521101')).expect(201);
    await http.post('/institutions').set(bearer(countyOfficer)).send(window('u-mr-susp', '330521102')).expect(201);
    await http.post('/institutions').set(bearer(countyOfficer)).send(unit('u-mr-home', '330521103')).expect(201);
    await http.post('/institutions').set(bearer(admin)).send(window('u-mr-far', '330522101')).expect(201);
  });

  afterAll(async () => {
    await recorder?.stop();
    await app?.close();
  });

  it('lets exactly N of N+2 simultaneous bookings take a slot of N, spreads the rest over other slots, and follows the settings', async () => {
    const unitId = 'u-mr-caps';
    const staff = desk(unitId, '330521101');
    const slots = await http.get(`/institutions/${unitId}/marriage-appointment-slots?date=2026-02-03`).set(bearer(staff)).expect(200);
    expect(slots.body.slots).toHaveLength(16); // 09:00–17:00, 30 minutes each (defaults)
    expect(slots.body.slotCapacity).toBe(3);
    expect(slots.body.suspended).toBe(false);

    const results = await Promise.all(Array.from({ length: 5 }, () => book(unitId, staff, '2026-02-03', '09:30')));
    expect(results.map((r) => r.status).sort()).toEqual([201, 201, 201, 409, 409]);
    expect(
      results
        .filter((r) => r.status === 409)
        .every((r) => r.body.error === 'SlotFull' && r.body.details.rule === 'appointment-slot-capacity'),
    ).toBe(true);
    const ok = results.filter((r) => r.status === 201);
    expect(ok.every((r) => r.body.status === 'booked' && r.body.slotEnd === '10:00' && r.body.contact.phone === '138****5678')).toBe(true);
    expect(new Set(ok.map((r) => r.body.appointmentRef)).size).toBe(3);

    // staggered: the next slot still has its places
    await book(unitId, staff, '2026-02-03', '10:00').expect(201);
    const after = await http.get(`/institutions/${unitId}/marriage-appointment-slots?date=2026-02-03`).set(bearer(staff)).expect(200);
    expect(after.body.slots.find((s: { start: string }) => s.start === '09:30')).toMatchObject({ booked: 3, remaining: 0, open: false });
    expect(after.body.slots.find((s: { start: string }) => s.start === '10:00')).toMatchObject({ booked: 1, remaining: 2, open: true });

    // a withdrawal frees a place
    const [first] = ok;
    await http
      .post(`/institutions/${unitId}/marriage-appointments/${first.body.appointmentRef}/cancellation`)
      .set(bearer(staff))
      .send({ reason: '改期' })
      .expect(201);
    await book(unitId, staff, '2026-02-03', '09:30').expect(201);
    await book(unitId, staff, '2026-02-03', '09:30').expect(409);

    // off the grid, and the grid follows the regional settings: hour-long slots from 08:00, 1 couple each
    await book(unitId, staff, '2026-02-03', '09:15').expect(400);
    for (const [key, value] of [
      ['marriage-slot-minutes', 60],
      ['marriage-window-open-hour', 8],
      ['marriage-slot-capacity', 1],
    ] as const) {
      await http.put(`/regional-settings/${key}`).set(bearer(countyOfficer)).send({ divisionCode: '330521101', value }).expect(200);
    }
    const hourly = await http.get(`/institutions/${unitId}/marriage-appointment-slots?date=2026-02-04`).set(bearer(staff)).expect(200);
    expect(hourly.body.slots.map((s: { start: string }) => s.start)).toEqual([
      '08:00',
      '09:00',
      '10:00',
      '11:00',
      '12:00',
      '13:00',
      '14:00',
      '15:00',
      '16:00',
    ]);
    await book(unitId, staff, '2026-02-04', '08:00').expect(201);
    const full = await book(unitId, staff, '2026-02-04', '08:00').expect(409);
    expect(full.body.error).toBe('SlotFull');
    await book(unitId, staff, '2026-02-04', '08:30').expect(400);
  });

  it('checks a couple in on their day, and records a no-show only once the slot has ended', async () => {
    const unitId = 'u-mr-susp';
    const staff = desk(unitId, '330521102');
    const today = await book(unitId, staff, '2026-01-27', '10:00').expect(201);
    const other = await book(unitId, staff, '2026-01-27', '10:00').expect(201);
    const ahead = await book(unitId, staff, '2026-01-28', '10:00').expect(201);
    const came = await http
      .post(`/institutions/${unitId}/marriage-appointments/${today.body.appointmentRef}/check-in`)
      .set(bearer(staff))
      .expect(201);
    expect(came.body).toMatchObject({ status: 'checked-in', statusLabel: '已到场办理 (checked in)' });
    const early = await http
      .post(`/institutions/${unitId}/marriage-appointments/${ahead.body.appointmentRef}/check-in`)
      .set(bearer(staff))
      .expect(409);
    expect(early.body.error).toBe('NotAppointmentDay');
    const notYet = await http
      .post(`/institutions/${unitId}/marriage-appointments/${other.body.appointmentRef}/no-show`)
      .set(bearer(staff))
      .expect(409);
    expect(notYet.body.error).toBe('SlotNotOver');
    clock.set('2026-01-27T02:30:00Z'); // 10:30 Beijing
    const missed = await http
      .post(`/institutions/${unitId}/marriage-appointments/${other.body.appointmentRef}/no-show`)
      .set(bearer(staff))
      .expect(201);
    expect(missed.body.status).toBe('no-show');
    await http.post(`/institutions/${unitId}/marriage-appointments/${other.body.appointmentRef}/check-in`).set(bearer(staff)).expect(409);
    await http.post(`/institutions/${unitId}/marriage-appointments/ma-20260127-1000-00000000/check-in`).set(bearer(staff)).expect(404);
    clock.set('2026-01-27T01:00:00Z');
  });

  it('suspends a day announced ahead: the day refuses bookings and each appointment it held is cancelled on the wire, refs only', async () => {
    const unitId = 'u-mr-susp';
    const staff = desk(unitId, '330521102');
    const a = await book(unitId, staff, '2026-02-02', '09:30').expect(201);
    const b = await book(unitId, staff, '2026-02-02', '14:00', { name: '李强', phone: '13987654321' }).expect(201);
    const withdrawn = await book(unitId, staff, '2026-02-02', '15:00').expect(201);
    await http
      .post(`/institutions/${unitId}/marriage-appointments/${withdrawn.body.appointmentRef}/cancellation`)
      .set(bearer(staff))
      .send({ reason: '改期' })
      .expect(201);

    // the desk cannot announce it; too late an announcement is refused naming the notice period
    const notice = { noticeId: 'gg-330521-2026-002', date: '2026-02-02', reason: '疫情防控期间取消2月2日婚姻登记工作' };
    await http.post(`/institutions/${unitId}/service-suspensions`).set(bearer(staff)).send(notice).expect(403);
    const late = await http
      .post(`/institutions/${unitId}/service-suspensions`)
      .set(bearer(countyOfficer))
      .send({ ...notice, noticeId: 'gg-late', date: '2026-01-29' })
      .expect(409);
    expect(late.body).toMatchObject({
      error: 'NoticeTooLate',
      details: { rule: 'suspension-notice-days', noticeDays: 3, latest: '2026-01-26' },
    });

    const suspended = await http.post(`/institutions/${unitId}/service-suspensions`).set(bearer(countyOfficer)).send(notice).expect(201);
    expect(suspended.body).toMatchObject({ date: '2026-02-02', suspension: { noticeId: notice.noticeId, daysAhead: 6 } });
    expect([...suspended.body.cancelledAppointmentRefs].sort()).toEqual([a.body.appointmentRef, b.body.appointmentRef].sort());
    // the same notice again is the same answer; another for the day is refused
    const again = await http.post(`/institutions/${unitId}/service-suspensions`).set(bearer(countyOfficer)).send(notice).expect(201);
    expect(again.body.cancelledAppointmentRefs).toHaveLength(2);
    await http
      .post(`/institutions/${unitId}/service-suspensions`)
      .set(bearer(countyOfficer))
      .send({ ...notice, noticeId: 'gg-other' })
      .expect(409);

    const refused = await book(unitId, staff, '2026-02-02', '10:00').expect(409);
    expect(refused.body).toMatchObject({ error: 'DaySuspended', details: { rule: 'day-suspended', noticeId: notice.noticeId } });
    const slots = await http.get(`/institutions/${unitId}/marriage-appointment-slots?date=2026-02-02`).set(bearer(staff)).expect(200);
    expect(slots.body.suspended).toBe(true);
    expect(slots.body.slots.every((s: { open: boolean }) => !s.open)).toBe(true);
    const listed = await http.get(`/institutions/${unitId}/marriage-appointments?date=2026-02-02`).set(bearer(staff)).expect(200);
    expect(listed.body.map((x: { status: string }) => x.status)).toEqual(['cancelled', 'cancelled', 'cancelled']);
    expect(listed.body[0].cancellation).toMatchObject({
      cause: 'day-suspended',
      noticeId: notice.noticeId,
      causeLabel: '当日暂停办理 (day suspended)',
    });
    // the day after serves as usual
    await book(unitId, staff, '2026-02-03', '10:00').expect(201);

    const [day] = await recorder.waitForCount(topic, 1, ServiceDaySuspendedV1.type);
    expect(day.key).toBe(unitId);
    expect(day.json).toEqual({
      unitId,
      unitType: 'service-window',
      divisionCode: '330521102',
      noticeId: notice.noticeId,
      date: '2026-02-02',
      reason: notice.reason,
      announcedAt: '2026-01-27T01:00:00.000Z',
      daysAhead: 6,
      cancelledAppointments: 2,
    });
    const cancelled = (await recorder.waitForCount(topic, 3, MarriageAppointmentCancelledV1.type)).filter((m) => m.key === unitId);
    expect(cancelled.map((m) => m.json.cause).sort()).toEqual(['day-suspended', 'day-suspended', 'withdrawn']);
    expect(
      cancelled
        .filter((m) => m.json.cause === 'day-suspended')
        .map((m) => m.json.appointmentRef)
        .sort(),
    ).toEqual([a.body.appointmentRef, b.body.appointmentRef].sort());
    // refs only: no names or phones on the wire
    for (const m of [day, ...cancelled]) expect(JSON.stringify(m.json)).not.toMatch(/王芳|李强|1381234|1398765/);
    expect(recorder.of(topic, ServiceDaySuspendedV1.type)).toHaveLength(1);
  });

  it('takes marriage appointments at service windows only, inside the caller’s reach, and checks the input', async () => {
    const home = await book('u-mr-home', countyOfficer, '2026-02-03', '10:00').expect(409);
    expect(home.body.error).toBe('NotAMarriageRegistry');
    await book('u-mr-far', countyOfficer, '2026-02-03', '10:00').expect(404);
    await http
      .post('/institutions/u-mr-far/service-suspensions')
      .set(bearer(countyOfficer))
      .send({ noticeId: 'gg-x', date: '2026-02-10', reason: 'x' })
      .expect(404);
    await book('u-mr-caps', desk('u-mr-susp', '330521102'), '2026-02-03', '10:00').expect(404);
    const bad = await http
      .post('/institutions/u-mr-caps/marriage-appointments')
      .set(bearer(countyOfficer))
      .send({ date: '2026-02-30', slotStart: '9:30', contact: { name: '', phone: '12' } })
      .expect(400);
    const fields = bad.body.fields.map((f: { field: string }) => f.field).sort();
    expect(fields).toEqual(expect.arrayContaining(['date', 'slotStart']));
    expect(fields.some((f: string) => f.startsWith('contact'))).toBe(true);
    await book('u-mr-caps', countyOfficer, '2026-01-26', '10:00').expect(409);
  });
});
