import { DomainError, shanghaiInstant } from '@civil/kernel';
import { DailyHours, minutesOf } from '../../homes/domain/funeral-home';

/**
 * Cremation placement (火化排期): each cremation takes a fixed time on one in-service cremator,
 * inside that cremator's hours of the day (extension orders included), never overlapping another
 * booking of the same cremator. Placement is earliest fit: the earliest start, over every
 * cremator, at or after `notBefore`; ties go to the cremator listed first.
 */
export interface Booking {
  caseId: string;
  crematorId: string;
  start: Date;
  end: Date;
  infectious: boolean;
  /** The infectious protocol's deadline, if any. */
  cremateBy: Date | null;
  /** Set when the cremation was logged: the slot no longer counts as backlog. */
  doneAt: Date | null;
  /** When it was placed (a booking whose case move is still being written is young); absent on older records. */
  placedAt?: Date;
}

/** Whether two bookings are the same placement (case, cremator, start). */
export function samePlacement(
  a: Pick<Booking, 'caseId' | 'crematorId' | 'start'>,
  b: Pick<Booking, 'caseId' | 'crematorId' | 'start'>,
): boolean {
  return a.caseId === b.caseId && a.crematorId === b.crematorId && a.start.getTime() === b.start.getTime();
}

/** A cremator's working window on one day, as instants. */
export interface CrematorWindow {
  crematorId: string;
  start: Date;
  end: Date;
}

export interface Slot {
  crematorId: string;
  start: Date;
  end: Date;
}

const MINUTE = 60_000;

/** The instant of a day's wall-clock time, '24:00' (midnight at the end of the day) included. */
export function instantOf(day: string, time: string): Date {
  return new Date(shanghaiInstant(day, '00:00').getTime() + minutesOf(time) * MINUTE);
}

export function windowOf(crematorId: string, day: string, hours: DailyHours): CrematorWindow {
  return { crematorId, start: instantOf(day, hours.start), end: instantOf(day, hours.end) };
}

const overlaps = (a: { start: Date; end: Date }, b: { start: Date; end: Date }) => a.start < b.end && b.start < a.end;

/** The earliest slot of `minutes` in the windows, at or after `notBefore`, clear of the bookings. */
export function earliestFit(
  windows: readonly CrematorWindow[],
  bookings: readonly Booking[],
  notBefore: Date,
  minutes: number,
): Slot | null {
  let best: Slot | null = null;
  for (const w of windows) {
    const taken = bookings.filter((b) => b.crematorId === w.crematorId).sort((a, b) => a.start.getTime() - b.start.getTime());
    let cursor = Math.max(w.start.getTime(), notBefore.getTime());
    for (const b of taken) {
      if (b.end.getTime() <= cursor) continue;
      if (b.start.getTime() - cursor >= minutes * MINUTE) break;
      cursor = Math.max(cursor, b.end.getTime());
    }
    const end = cursor + minutes * MINUTE;
    if (end > w.end.getTime()) continue;
    if (!best || cursor < best.start.getTime()) best = { crematorId: w.crematorId, start: new Date(cursor), end: new Date(end) };
  }
  return best;
}

/**
 * An explicitly requested slot: on an in-service cremator, inside its hours that day, not in the
 * past, and not overlapping another booking (409 SlotTaken: no double booking).
 */
export function checkExplicitSlot(
  windows: readonly CrematorWindow[],
  bookings: readonly Booking[],
  slot: Slot,
  now: Date,
  caseId: string,
): void {
  const w = windows.find((x) => x.crematorId === slot.crematorId);
  if (!w)
    throw DomainError.conflict(
      'CrematorUnavailable',
      `cremator ${slot.crematorId} is not an in-service cremator of this home with hours that day`,
      { crematorId: slot.crematorId },
    );
  if (slot.start < now) throw DomainError.invalid('StartInPast', 'start must not be in the past', { field: 'start' });
  if (slot.start < w.start || slot.end > w.end) {
    throw DomainError.conflict(
      'OutsideCrematorHours',
      `the cremation (${slot.start.toISOString()}–${slot.end.toISOString()}) is outside cremator ${slot.crematorId}'s hours that day (${w.start.toISOString()}–${w.end.toISOString()})`,
      { crematorId: slot.crematorId },
    );
  }
  const clash = bookings.find((b) => b.crematorId === slot.crematorId && b.caseId !== caseId && overlaps(b, slot));
  if (clash)
    throw DomainError.conflict(
      'SlotTaken',
      `cremator ${slot.crematorId} is already booked ${clash.start.toISOString()}–${clash.end.toISOString()}; a cremator slot cannot be double-booked`,
      { crematorId: slot.crematorId },
    );
}

/**
 * The infectious protocol's priority: when no free slot meets the deadline, an infectious case may
 * take the earliest slot that only non-infectious bookings stand in the way of. Returns that slot
 * and the bookings it displaces (to be placed again), or null if even that misses the deadline.
 */
export function priorityFit(
  windows: readonly CrematorWindow[],
  bookings: readonly Booking[],
  notBefore: Date,
  minutes: number,
  cremateBy: Date,
): { slot: Slot; displaced: Booking[] } | null {
  const fixed = bookings.filter((b) => b.infectious || b.doneAt);
  const slot = earliestFit(windows, fixed, notBefore, minutes);
  if (!slot || slot.end > cremateBy) return null;
  const displaced = bookings.filter((b) => !b.infectious && !b.doneAt && b.crematorId === slot.crematorId && overlaps(b, slot));
  return { slot, displaced };
}

/** Whether a placed cremation ends by the protocol's deadline. */
export function meetsDeadline(slot: Slot, cremateBy: Date | null): boolean {
  return !cremateBy || slot.end <= cremateBy;
}

/** Minutes a new (non-infectious) case would wait from `now` for its cremation to start. */
export function expectedWaitMinutes(slot: Slot | null, now: Date): number | null {
  return slot ? Math.max(0, Math.round((slot.start.getTime() - now.getTime()) / MINUTE)) : null;
}
