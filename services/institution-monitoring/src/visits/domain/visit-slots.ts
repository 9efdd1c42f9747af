import { DayHours, DomainError, isLocalDate, Slot, slotGrid as staggeredSlots, slotInstant, slotOnGrid } from '@civil/kernel';

/**
 * Staggered visiting slots (预约错峰). A unit's visiting day runs from `dayStartHour` to
 * `dayEndHour` (Beijing time), cut into slots of `slotMinutes`; a slot that would run past the end
 * hour is not offered. Each slot admits `slotCapacity` visits; the day admits `perUnitPerDay`;
 * a resident receives at most `perResidentPerWeek` visits in any 7 consecutive days.
 * The values are regional settings read for the unit's division and the visit day.
 */
export interface VisitPolicy {
  dayStartHour: number;
  dayEndHour: number;
  slotMinutes: number;
  slotCapacity: number;
  perUnitPerDay: number;
  perResidentPerWeek: number;
  /** A temperature at or above this, in tenths of °C, is a fever (373 = 37.3 °C). */
  feverThresholdTenthsC: number;
}

export type { Slot };
export { slotInstant };

/** Bookings are taken up to this many days ahead (the visit day included in the count from today). */
export const BOOKING_HORIZON_DAYS = 30;

type VisitHours = Pick<VisitPolicy, 'dayStartHour' | 'dayEndHour' | 'slotMinutes'>;
const hoursOf = (p: VisitHours): DayHours => ({ startHour: p.dayStartHour, endHour: p.dayEndHour, slotMinutes: p.slotMinutes });

/** The day's slots, in order; none when the end hour is not after the start hour. */
export function slotGrid(policy: VisitHours): Slot[] {
  return staggeredSlots(hoursOf(policy));
}

/** The slot starting at `slotStart`; refuses (400) a time that is not on the day's grid. */
export function slotAt(policy: VisitHours, slotStart: string): Slot {
  return slotOnGrid(hoursOf(policy), slotStart, 'a visiting slot', 'no slots that day');
}

/** A visit day must be a real date, not over (a slot may be booked until it ends), nor too far ahead. */
export function checkVisitDate(date: string, today: string): void {
  if (!isLocalDate(date)) throw DomainError.invalid('InvalidDate', `date ${date} is not a date (YYYY-MM-DD)`, { field: 'date' });
  if (date < today)
    throw DomainError.conflict('SlotInPast', `date ${date} is in the past (today in Beijing time is ${today})`, {
      rule: 'slot-in-past',
      date,
    });
  const last = new Date(Date.parse(`${today}T00:00:00Z`) + BOOKING_HORIZON_DAYS * 86_400_000).toISOString().slice(0, 10);
  if (date > last) {
    throw DomainError.invalid('DateTooFarAhead', `visits are booked at most ${BOOKING_HORIZON_DAYS} days ahead (until ${last})`, {
      field: 'date',
    });
  }
}

/** A slot that has ended can no longer be booked; one under way still can (a walk-in at the desk). */
export function assertSlotNotOver(date: string, slot: Slot, now: Date): void {
  if (now.getTime() >= slotInstant(date, slot.end).getTime()) {
    throw DomainError.conflict('SlotInPast', `the slot ${date} ${slot.start}–${slot.end} is over`, {
      rule: 'slot-in-past',
      date,
      slotStart: slot.start,
    });
  }
}
