import { DomainError } from '@civil/kernel';
import { Booking, checkExplicitSlot, earliestFit, instantOf, priorityFit, windowOf } from './placement';

const day = '2026-03-06';
const at = (t: string, d = day) => instantOf(d, t);
const booking = (crematorId: string, start: string, end: string, extra: Partial<Booking> = {}): Booking => ({
  caseId: `${crematorId}-${start}`,
  crematorId,
  start: at(start),
  end: at(end),
  infectious: false,
  cremateBy: null,
  doneAt: null,
  ...extra,
});
const conflictCode = (fn: () => void) => {
  try {
    fn();
  } catch (e) {
    return (e as DomainError).code;
  }
  return undefined;
};

describe('earliest-fit cremation placement', () => {
  const windows = [windowOf('c1', day, { start: '08:00', end: '12:00' }), windowOf('c2', day, { start: '09:00', end: '17:00' })];

  it('takes the earliest start over every cremator, inside its hours', () => {
    expect(earliestFit(windows, [], at('07:00'), 90)).toEqual({ crematorId: 'c1', start: at('08:00'), end: at('09:30') });
    expect(earliestFit(windows, [booking('c1', '08:00', '09:30')], at('07:00'), 90)).toEqual({
      crematorId: 'c2',
      start: at('09:00'),
      end: at('10:30'),
    });
  });

  it('uses a gap between bookings only when the whole cremation fits', () => {
    const b = [booking('c1', '08:00', '09:00'), booking('c1', '10:00', '12:00'), booking('c2', '09:00', '17:00')];
    expect(earliestFit(windows, b, at('07:00'), 60)).toEqual({ crematorId: 'c1', start: at('09:00'), end: at('10:00') });
    expect(earliestFit(windows, b, at('07:00'), 90)).toBeNull();
  });

  it('never starts before notBefore, nor ends after the cremator’s hours', () => {
    expect(earliestFit(windows, [], at('11:00'), 90)).toEqual({ crematorId: 'c2', start: at('11:00'), end: at('12:30') });
    expect(earliestFit(windows, [], at('16:00'), 90)).toBeNull();
  });

  it('an extension order’s wider hours (to 24:00) make room in the evening', () => {
    const extended = [windowOf('c2', day, { start: '09:00', end: '24:00' })];
    expect(earliestFit(extended, [], at('16:00'), 90)).toEqual({ crematorId: 'c2', start: at('16:00'), end: at('17:30') });
    expect(at('24:00').toISOString()).toBe('2026-03-06T16:00:00.000Z');
  });

  it('refuses an explicit slot that is taken, outside the hours, or on another cremator', () => {
    const b = [booking('c1', '08:00', '09:30')];
    const now = at('06:00');
    expect(conflictCode(() => checkExplicitSlot(windows, b, { crematorId: 'c1', start: at('09:00'), end: at('10:30') }, now, 'x'))).toBe(
      'SlotTaken',
    );
    expect(conflictCode(() => checkExplicitSlot(windows, b, { crematorId: 'c1', start: at('11:00'), end: at('12:30') }, now, 'x'))).toBe(
      'OutsideCrematorHours',
    );
    expect(conflictCode(() => checkExplicitSlot(windows, b, { crematorId: 'c9', start: at('09:30'), end: at('11:00') }, now, 'x'))).toBe(
      'CrematorUnavailable',
    );
    expect(() => checkExplicitSlot(windows, b, { crematorId: 'c1', start: at('09:30'), end: at('11:00') }, now, 'x')).not.toThrow();
  });

  it('lets an infectious case take the place of non-infectious bookings before its deadline', () => {
    const one = [windowOf('c1', day, { start: '08:00', end: '12:00' })];
    const b = [booking('c1', '08:00', '09:30'), booking('c1', '09:30', '11:00', { infectious: true }), booking('c1', '11:00', '12:00')];
    const fit = priorityFit(one, b, at('07:00'), 90, at('10:00'));
    expect(fit!.slot).toEqual({ crematorId: 'c1', start: at('08:00'), end: at('09:30') });
    expect(fit!.displaced.map((x) => x.caseId)).toEqual(['c1-08:00']);
    // a deadline before any slot clear of infectious bookings can end: null
    expect(priorityFit(one, b, at('07:00'), 90, at('09:00'))).toBeNull();
  });
});
