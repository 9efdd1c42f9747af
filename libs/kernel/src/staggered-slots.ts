import { DomainError } from './domain-error';
import { isLocalTime, shanghaiInstant } from './shanghai-time';

/**
 * Staggered appointment slots (预约错峰) of a Beijing day: from `startHour` to `endHour`, cut into
 * slots of `slotMinutes`; a slot that would run past the end hour is not offered. Visits to units
 * and appointments at service windows share this grid.
 */
export interface DayHours {
  startHour: number;
  endHour: number;
  slotMinutes: number;
}

export interface Slot {
  /** HH:mm, Beijing time. */
  start: string;
  /** HH:mm, Beijing time; a slot ending at midnight ends at 24:00, not 00:00 of the next day. */
  end: string;
}

function hhmm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** The day's slots, in order; none when the end hour is not after the start hour. */
export function slotGrid(hours: DayHours): Slot[] {
  const slots: Slot[] = [];
  if (hours.slotMinutes <= 0) return slots;
  for (let from = hours.startHour * 60; from + hours.slotMinutes <= hours.endHour * 60; from += hours.slotMinutes) {
    slots.push({ start: hhmm(from), end: hhmm(from + hours.slotMinutes) });
  }
  return slots;
}

/**
 * The slot starting at `slotStart`; refuses (400 `SlotNotOnGrid`, field `slotStart`) a time that is
 * not on the day's grid, naming what is offered. `what` names the slot in the message ("a visiting slot").
 */
export function slotOnGrid(hours: DayHours, slotStart: string, what: string, none = 'no slots'): Slot {
  const grid = slotGrid(hours);
  const slot = isLocalTime(slotStart) ? grid.find((s) => s.start === slotStart) : undefined;
  if (!slot) {
    const offered = grid.length ? `${grid[0].start}–${grid[grid.length - 1].end} every ${hours.slotMinutes} minutes` : none;
    throw DomainError.invalid('SlotNotOnGrid', `slotStart ${slotStart} is not ${what} (offered: ${offered})`, {
      field: 'slotStart',
      rule: 'slot-grid',
    });
  }
  return slot;
}

/** The instant a slot time (HH:mm, or 24:00) falls on a Beijing day. */
export function slotInstant(date: string, time: string): Date {
  if (time === '24:00') return new Date(shanghaiInstant(date, '00:00').getTime() + 86_400_000);
  return shanghaiInstant(date, time);
}
