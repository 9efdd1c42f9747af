import { DomainError } from '@civil/kernel';
import { SETTINGS } from '../../regional-settings/domain/settings';
import {
  assertResidentCanReceiveVisits,
  BookVisit,
  bookVisit,
  busiestWeekAround,
  cancelVisit,
  checkHealthDeclaration,
  dateOfVisitId,
  dayView,
  recordArrival,
  Visit,
  VISIT_REFUSAL_LABELS,
  VISIT_STATUS_LABELS,
  VisitDay,
  visitIdFor,
  visitView,
} from './visit';
import { checkVisitDate, slotAt, slotGrid, slotInstant, VisitPolicy } from './visit-slots';

const defaults: VisitPolicy = {
  dayStartHour: SETTINGS['visit-day-start-hour'].default,
  dayEndHour: SETTINGS['visit-day-end-hour'].default,
  slotMinutes: SETTINGS['visit-slot-minutes'].default,
  slotCapacity: SETTINGS['visit-slot-capacity'].default,
  perUnitPerDay: SETTINGS['visits-per-unit-per-day'].default,
  perResidentPerWeek: SETTINGS['visits-per-resident-per-week'].default,
  feverThresholdTenthsC: SETTINGS['fever-threshold-tenths-c'].default,
};

const today = '2026-03-02';
const now = new Date('2026-03-02T01:00:00Z'); // 09:00 Beijing
const well = { symptoms: false, temperatureC: 36.5 };
let seq = 0;

function request(over: Partial<BookVisit> = {}): BookVisit {
  seq += 1;
  return {
    visitId: visitIdFor(over.date ?? '2026-03-03', over.slotStart ?? '10:00', `t${String(seq).padStart(4, '0')}`),
    residentId: 'r-1',
    date: '2026-03-03',
    slotStart: '10:00',
    visitor: { name: '王芳', phone: '13812345678', relation: 'child' },
    healthDeclaration: well,
    ...over,
  };
}

function emptyDay(date = '2026-03-03'): VisitDay {
  return { unitId: 'u-1', date, visits: [] };
}

/** Books into the day and keeps the visit in it, as the repository would. */
function book(day: VisitDay, over: Partial<BookVisit> = {}, policy = defaults, residentVisitDates: string[] = []): Visit {
  const v = bookVisit(day, request({ date: day.date, ...over }), policy, residentVisitDates, today, now, 'staff-1');
  day.visits.push(v);
  return v;
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return (e as DomainError).code;
  }
  return undefined;
}

function errorOf(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (e) {
    return e as DomainError;
  }
  throw new Error('expected a refusal');
}

describe('visit slot grid', () => {
  it('cuts the default day 09:00–17:00 into 16 half-hour slots', () => {
    const grid = slotGrid(defaults);
    expect(grid).toHaveLength(16);
    expect(grid[0]).toEqual({ start: '09:00', end: '09:30' });
    expect(grid[15]).toEqual({ start: '16:30', end: '17:00' });
  });

  it('follows the regional settings, and offers no slot that would run past the end hour', () => {
    expect(slotGrid({ dayStartHour: 14, dayEndHour: 17, slotMinutes: 50 }).map((s) => s.start)).toEqual(['14:00', '14:50', '15:40']);
    expect(slotGrid({ dayStartHour: 8, dayEndHour: 10, slotMinutes: 60 })).toEqual([
      { start: '08:00', end: '09:00' },
      { start: '09:00', end: '10:00' },
    ]);
    expect(slotGrid({ dayStartHour: 22, dayEndHour: 24, slotMinutes: 120 })).toEqual([{ start: '22:00', end: '24:00' }]);
    expect(slotGrid({ dayStartHour: 17, dayEndHour: 9, slotMinutes: 30 })).toEqual([]);
  });

  it('refuses a slot start that is not on the grid with 400 naming slotStart', () => {
    expect(slotAt(defaults, '16:30')).toEqual({ start: '16:30', end: '17:00' });
    for (const off of ['09:15', '08:30', '17:00', '9:00']) {
      const e = errorOf(() => slotAt(defaults, off));
      expect(e).toMatchObject({ kind: 'invalid', code: 'SlotNotOnGrid', details: { field: 'slotStart' } });
    }
  });

  it('places a slot on the Beijing clock, 24:00 being the next midnight', () => {
    expect(slotInstant('2026-03-02', '09:00').toISOString()).toBe('2026-03-02T01:00:00.000Z');
    expect(slotInstant('2026-03-02', '24:00').toISOString()).toBe('2026-03-02T16:00:00.000Z');
  });

  it('takes bookings for today up to 30 days ahead, not for past days', () => {
    expect(() => checkVisitDate('2026-03-02', today)).not.toThrow();
    expect(() => checkVisitDate('2026-04-01', today)).not.toThrow();
    expect(codeOf(() => checkVisitDate('2026-04-02', today))).toBe('DateTooFarAhead');
    expect(errorOf(() => checkVisitDate('2026-03-01', today))).toMatchObject({ kind: 'conflict', code: 'SlotInPast' });
    expect(errorOf(() => checkVisitDate('2026-02-30', today))).toMatchObject({ kind: 'invalid', code: 'InvalidDate' });
  });
});

describe('booking a visit', () => {
  it('books a place in the slot', () => {
    const day = emptyDay();
    const v = book(day);
    expect(v).toMatchObject({ status: 'booked', slotStart: '10:00', slotEnd: '10:30', residentId: 'r-1', bookedBy: 'staff-1' });
  });

  it('fills a slot to its capacity and refuses the next (SlotFull), other slots still open', () => {
    const day = emptyDay();
    for (let i = 0; i < 4; i++) book(day, { residentId: `r-${i}` });
    const e = errorOf(() => book(day, { residentId: 'r-9' }));
    expect(e).toMatchObject({ kind: 'conflict', code: 'SlotFull', details: { rule: 'visit-slot-capacity', cap: 4 } });
    expect(e.message).toContain('该时段预约已满');
    expect(() => book(day, { residentId: 'r-9', slotStart: '10:30' })).not.toThrow();
  });

  it('frees the place of a cancelled visit', () => {
    const day = emptyDay();
    const first = book(day, { residentId: 'r-0' });
    for (let i = 1; i < 4; i++) book(day, { residentId: `r-${i}` });
    day.visits[0] = cancelVisit(first, '家属改期', 'staff-1', now);
    expect(() => book(day, { residentId: 'r-9' })).not.toThrow();
  });

  it('admits the unit daily cap and refuses one more (UnitDailyCapReached)', () => {
    const policy = { ...defaults, perUnitPerDay: 5 };
    const day = emptyDay();
    for (let i = 0; i < 5; i++) book(day, { residentId: `r-${i}`, slotStart: i < 4 ? '10:00' : '11:00' }, policy);
    expect(errorOf(() => book(day, { residentId: 'r-9', slotStart: '11:00' }, policy))).toMatchObject({
      code: 'UnitDailyCapReached',
      details: { rule: 'visits-per-unit-per-day', cap: 5 },
    });
  });

  it('allows a resident the weekly cap in 7 days and refuses one more', () => {
    // default 2 per 7 days; visits on 26 Feb and 3 Mar share the 7 days 25 Feb–3 Mar
    expect(() => book(emptyDay(), {}, defaults, ['2026-02-26'])).not.toThrow();
    const e = errorOf(() => book(emptyDay(), {}, defaults, ['2026-02-26', '2026-03-01']));
    expect(e).toMatchObject({ code: 'ResidentWeeklyCapReached', details: { rule: 'visits-per-resident-per-week', cap: 2 } });
  });

  it('counts the resident’s visits on the same day, and only that resident', () => {
    const day = emptyDay();
    book(day, { slotStart: '10:00' });
    book(day, { slotStart: '15:00' });
    expect(codeOf(() => book(day, { slotStart: '16:00' }))).toBe('ResidentWeeklyCapReached');
    expect(() => book(day, { residentId: 'r-2', slotStart: '16:00' })).not.toThrow();
  });

  it('counts any 7 consecutive days: a visit 7 days apart is a new week, one booked ahead closes earlier ones', () => {
    // 24 Feb is 7 days before 3 Mar: outside the window ending on 3 Mar
    expect(codeOf(() => book(emptyDay(), {}, defaults, ['2026-02-25', '2026-02-26']))).toBe('ResidentWeeklyCapReached');
    expect(() => book(emptyDay(), {}, defaults, ['2026-02-24', '2026-02-25'])).not.toThrow();
    // visits already booked on 5 and 9 March: a visit on 3 March makes 3 in 3–9 March
    expect(codeOf(() => book(emptyDay(), {}, defaults, ['2026-03-05', '2026-03-09']))).toBe('ResidentWeeklyCapReached');
    expect(() => book(emptyDay(), {}, defaults, ['2026-03-05', '2026-03-10'])).not.toThrow();
    expect(busiestWeekAround('2026-03-03', ['2026-03-03', '2026-03-05', '2026-03-09'])).toEqual({
      count: 3,
      from: '2026-03-03',
      to: '2026-03-09',
    });
  });

  it('does not count cancelled visits against any cap', () => {
    const policy = { ...defaults, slotCapacity: 1, perUnitPerDay: 1, perResidentPerWeek: 1 };
    const day = emptyDay();
    const first = book(day, {}, policy);
    day.visits[0] = cancelVisit(first, '取消', 'staff-1', now);
    expect(() => book(day, {}, policy)).not.toThrow();
  });

  it('refuses a slot that is over, and takes one under way', () => {
    const day = emptyDay('2026-03-02');
    const at = (iso: string) => () =>
      bookVisit(day, request({ date: '2026-03-02', slotStart: '09:00' }), defaults, [], today, new Date(iso), 's');
    expect(at('2026-03-02T01:29:59Z')).not.toThrow();
    expect(errorOf(at('2026-03-02T01:30:00Z'))).toMatchObject({ kind: 'conflict', code: 'SlotInPast' });
  });
});

describe('health declaration', () => {
  it('refuses a visitor declaring symptoms', () => {
    expect(errorOf(() => checkHealthDeclaration({ symptoms: true }, 373))).toMatchObject({ kind: 'conflict', code: 'VisitorHasSymptoms' });
    expect(codeOf(() => book(emptyDay(), { healthDeclaration: { symptoms: true, temperatureC: 36.4 } }))).toBe('VisitorHasSymptoms');
  });

  it('refuses a temperature at the regional threshold, accepts one just below', () => {
    expect(() => checkHealthDeclaration({ symptoms: false, temperatureC: 37.2 }, 373)).not.toThrow();
    expect(errorOf(() => checkHealthDeclaration({ symptoms: false, temperatureC: 37.3 }, 373))).toMatchObject({
      code: 'VisitorFeverish',
      details: { rule: 'fever-threshold', thresholdC: 37.3 },
    });
    // a region with a stricter threshold
    expect(codeOf(() => checkHealthDeclaration({ symptoms: false, temperatureC: 37.0 }, 370))).toBe('VisitorFeverish');
    expect(() => checkHealthDeclaration({ symptoms: false }, 373)).not.toThrow();
  });

  it('refuses a close contact, and a visitor without a mask at the desk', () => {
    expect(codeOf(() => checkHealthDeclaration({ symptoms: false, closeContact: true }, 373))).toBe('VisitorCloseContact');
    expect(codeOf(() => checkHealthDeclaration({ symptoms: false, maskWorn: false }, 373))).toBe('MaskRequired');
  });
});

describe('residents who may be visited', () => {
  it('lets a resident in residence be visited, nobody who has left, is isolated or out', () => {
    expect(() => assertResidentCanReceiveVisits({ residentId: 'r-1', status: 'in-residence' })).not.toThrow();
    for (const status of ['isolated', 'on-leave', 'transferred', 'discharged', 'deceased']) {
      expect(errorOf(() => assertResidentCanReceiveVisits({ residentId: 'r-1', status }))).toMatchObject({
        kind: 'conflict',
        code: 'ResidentCannotReceiveVisits',
        details: { status },
      });
    }
  });
});

describe('arrival at the door', () => {
  const booked = (): Visit =>
    bookVisit(emptyDay('2026-03-02'), request({ date: '2026-03-02', slotStart: '10:00' }), defaults, [], today, now, 's');

  it('checks in a masked visitor without fever on the visit day', () => {
    const v = recordArrival(booked(), { temperatureC: 36.6, maskWorn: true }, 373, today, now, 'staff-2');
    expect(v).toMatchObject({ status: 'arrived', arrival: { temperatureC: 36.6, maskWorn: true, by: 'staff-2' } });
    expect(codeOf(() => recordArrival(v, { temperatureC: 36.6, maskWorn: true }, 373, today, now, 's'))).toBe('VisitNotBooked');
    expect(codeOf(() => cancelVisit(v, 'x', 's', now))).toBe('VisitNotBooked');
  });

  it('refuses a feverish or unmasked visitor, and another day', () => {
    expect(codeOf(() => recordArrival(booked(), { temperatureC: 37.3, maskWorn: true }, 373, today, now, 's'))).toBe('VisitorFeverish');
    expect(codeOf(() => recordArrival(booked(), { temperatureC: 36.5, maskWorn: false }, 373, today, now, 's'))).toBe('MaskRequired');
    expect(codeOf(() => recordArrival(booked(), { temperatureC: 36.5, maskWorn: true }, 373, '2026-03-03', now, 's'))).toBe('NotVisitDay');
  });
});

describe('what lists show', () => {
  it('masks the visitor’s phone', () => {
    const day = emptyDay();
    const view = visitView(book(day));
    expect(view.visitor.phone).toBe('138****5678');
    expect(JSON.stringify(view)).not.toContain('13812345678');
    expect(view).toMatchObject({ statusLabel: '已预约 (booked)', visitor: { relationLabel: '子女' } });
  });

  it('shows each slot with the places left, closed when the day is full', () => {
    const policy = { ...defaults, perUnitPerDay: 5 };
    const day = emptyDay();
    for (let i = 0; i < 4; i++) book(day, { residentId: `r-${i}` }, policy);
    let view = dayView(day, policy, () => false);
    expect(view.slots.find((s) => s.start === '10:00')).toMatchObject({ capacity: 4, booked: 4, remaining: 0, open: false });
    expect(view.slots.find((s) => s.start === '10:30')).toMatchObject({ booked: 0, remaining: 4, open: true });
    book(day, { residentId: 'r-5', slotStart: '11:00' }, policy);
    view = dayView(day, policy, () => false);
    expect(view).toMatchObject({ dailyCap: 5, dailyBooked: 5, dailyRemaining: 0 });
    expect(view.slots.every((s) => !s.open)).toBe(true);
  });

  it('has visit ids that name their day, and zh-CN labels for every status and refusal', () => {
    expect(dateOfVisitId(visitIdFor('2026-03-03', '09:30', '1a2b3c4d'))).toBe('2026-03-03');
    expect(dateOfVisitId('v-2026-x')).toBeUndefined();
    expect(Object.keys(VISIT_STATUS_LABELS).sort()).toEqual(['arrived', 'booked', 'cancelled']);
    expect(Object.values(VISIT_REFUSAL_LABELS).every((l) => /[\u4e00-\u9fa5]/.test(l))).toBe(true);
  });
});
