import { DomainError } from '@civil/kernel';
import {
  assertMarriageRegistry,
  bookAppointment,
  cancelAppointment,
  checkIn,
  dateOfAppointmentRef,
  dayView,
  emptyDay,
  markNoShow,
  slotGrid,
  suspendDay,
  WindowDay,
  WindowPolicy,
} from './window-day';

const policy: WindowPolicy = { openHour: 9, closeHour: 12, slotMinutes: 30, slotCapacity: 2, noticeDays: 3 };
const unit = {
  unitId: 'u-mr',
  unitType: 'service-window' as const,
  divisionCode: '330521001',
  divisionAncestors: ['33', '3305', '330521', '330521001'],
};
const now = new Date('2026-01-27T01:00:00Z'); // 09:00 Beijing
const today = '2026-01-27';

function code(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return e instanceof DomainError ? e.code : String(e);
  }
  return undefined;
}

function book(day: WindowDay, ref: string, slotStart = '09:30', date = day.date) {
  return bookAppointment(
    day,
    { appointmentRef: ref, date, slotStart, contact: { name: '王芳', phone: '13812345678' } },
    policy,
    now,
    today,
    'desk',
  ).day;
}

describe('marriage-registration window day', () => {
  it('cuts the opening hours into staggered slots', () => {
    expect(slotGrid(policy).map((s) => s.start)).toEqual(['09:00', '09:30', '10:00', '10:30', '11:00', '11:30']);
    expect(slotGrid({ openHour: 9, closeHour: 10, slotMinutes: 40 })).toEqual([{ start: '09:00', end: '09:40' }]);
  });

  it('takes a slot up to its cap, then refuses SlotFull; a cancellation frees the place', () => {
    let day = book(book(emptyDay(unit, '2026-02-02'), 'ma-20260202-0930-aaaa1111'), 'ma-20260202-0930-bbbb2222');
    expect(code(() => book(day, 'ma-20260202-0930-cccc3333'))).toBe('SlotFull');
    expect(book(day, 'ma-20260202-1000-cccc3333', '10:00').appointments).toHaveLength(3);
    day = cancelAppointment(day, 'ma-20260202-0930-aaaa1111', '改期', 'desk', now).day;
    expect(book(day, 'ma-20260202-0930-cccc3333').appointments.filter((a) => a.status === 'booked')).toHaveLength(2);
    expect(code(() => cancelAppointment(day, 'ma-20260202-0930-aaaa1111', 'again', 'desk', now))).toBe('AppointmentNotBooked');
    const view = dayView(day, policy, now);
    expect(view.slots.find((s) => s.start === '09:30')).toMatchObject({ booked: 1, remaining: 1, open: true });
  });

  it('refuses a time off the grid, a past day, an ended slot', () => {
    const day = emptyDay(unit, today);
    expect(code(() => book(day, 'ma-x', '09:15'))).toBe('SlotNotOnGrid');
    expect(code(() => book(day, 'ma-x', '12:00'))).toBe('SlotNotOnGrid');
    expect(code(() => book(emptyDay(unit, '2026-01-26'), 'ma-x', '09:30'))).toBe('SlotInPast');
    const late = new Date('2026-01-27T01:30:00Z'); // 09:30 Beijing: the 09:00 slot is over
    expect(
      code(() =>
        bookAppointment(
          day,
          { appointmentRef: 'ma-x', date: today, slotStart: '09:00', contact: { name: 'a', phone: '1' } },
          policy,
          late,
          today,
          'd',
        ),
      ),
    ).toBe('SlotInPast');
    expect(code(() => book(emptyDay(unit, '2026-04-01'), 'ma-x', '09:30'))).toBe('DateTooFarAhead');
  });

  it('books only at a service window', () => {
    expect(code(() => assertMarriageRegistry({ unitId: 'u', unitType: 'elderly-care-home' }))).toBe('NotAMarriageRegistry');
    expect(code(() => assertMarriageRegistry(unit))).toBeUndefined();
  });

  it('suspends a day announced far enough ahead, cancelling its booked appointments one change each', () => {
    let day = book(book(emptyDay(unit, '2026-02-02'), 'ma-20260202-0930-aaaa1111'), 'ma-20260202-1000-bbbb2222', '10:00');
    day = cancelAppointment(day, 'ma-20260202-1000-bbbb2222', '改期', 'desk', now).day;
    day = book(day, 'ma-20260202-1100-cccc3333', '11:00');
    const suspended = suspendDay(day, { noticeId: 'gg-1', reason: '疫情防控' }, 3, today, 'officer', now)!;
    expect(suspended.day.suspension).toMatchObject({ noticeId: 'gg-1', daysAhead: 6 });
    expect(suspended.changes).toEqual([
      { type: 'suspended', at: now },
      { type: 'cancelled', appointmentRef: 'ma-20260202-0930-aaaa1111', cause: 'day-suspended', at: now },
      { type: 'cancelled', appointmentRef: 'ma-20260202-1100-cccc3333', cause: 'day-suspended', at: now },
    ]);
    expect(suspended.day.appointments.map((a) => a.status)).toEqual(['cancelled', 'cancelled', 'cancelled']);
    expect(suspended.day.appointments[0].cancellation).toMatchObject({ cause: 'day-suspended', noticeId: 'gg-1' });
    // the same notice again is nothing new; another notice for the same day is refused
    expect(suspendDay(suspended.day, { noticeId: 'gg-1', reason: '疫情防控' }, 3, today, 'officer', now)).toBeUndefined();
    expect(code(() => suspendDay(suspended.day, { noticeId: 'gg-2', reason: 'x' }, 3, today, 'officer', now))).toBe('AlreadySuspended');
    // and the day takes no bookings
    expect(code(() => book(suspended.day, 'ma-20260202-0900-dddd4444', '09:00'))).toBe('DaySuspended');
    expect(dayView(suspended.day, policy, now).slots.every((s) => !s.open)).toBe(true);
  });

  it('refuses a suspension announced less than the notice period ahead', () => {
    expect(code(() => suspendDay(emptyDay(unit, '2026-01-29'), { noticeId: 'gg', reason: 'x' }, 3, today, 'o', now))).toBe('NoticeTooLate');
    expect(suspendDay(emptyDay(unit, '2026-01-30'), { noticeId: 'gg', reason: 'x' }, 3, today, 'o', now)?.day.suspension?.daysAhead).toBe(
      3,
    );
    expect(code(() => suspendDay(emptyDay(unit, '2026-01-26'), { noticeId: 'gg', reason: 'x' }, 0, today, 'o', now))).toBe('NoticeTooLate');
  });

  it('checks a couple in on the day only, and records a no-show only after the slot', () => {
    const day = book(emptyDay(unit, today), 'ma-20260127-0930-aaaa1111');
    expect(code(() => markNoShow(day, 'ma-20260127-0930-aaaa1111', 'desk', now))).toBe('SlotNotOver');
    const after = new Date('2026-01-27T02:00:00Z'); // 10:00 Beijing
    expect(markNoShow(day, 'ma-20260127-0930-aaaa1111', 'desk', after).appointment.status).toBe('no-show');
    const inDay = checkIn(day, 'ma-20260127-0930-aaaa1111', today, 'desk', now);
    expect(inDay.appointment.status).toBe('checked-in');
    expect(code(() => checkIn(inDay.day, 'ma-20260127-0930-aaaa1111', today, 'desk', now))).toBe('AppointmentNotBooked');
    const tomorrow = book(emptyDay(unit, '2026-01-28'), 'ma-20260128-0930-bbbb2222');
    expect(code(() => checkIn(tomorrow, 'ma-20260128-0930-bbbb2222', today, 'desk', now))).toBe('NotAppointmentDay');
    expect(code(() => checkIn(day, 'ma-nope', today, 'desk', now))).toBe('AppointmentNotFound');
  });

  it('reads the day from an appointment ref', () => {
    expect(dateOfAppointmentRef('ma-20260202-0930-1a2b3c4d')).toBe('2026-02-02');
    expect(dateOfAppointmentRef('v-20260202-0930-1a2b3c4d')).toBeUndefined();
  });
});
