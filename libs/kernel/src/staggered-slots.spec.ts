import { slotGrid, slotInstant, slotOnGrid } from './staggered-slots';

describe('staggered slots of a Beijing day', () => {
  it('cuts the day into slots and offers none that would run past the end hour', () => {
    expect(slotGrid({ startHour: 9, endHour: 11, slotMinutes: 45 })).toEqual([
      { start: '09:00', end: '09:45' },
      { start: '09:45', end: '10:30' },
    ]);
    expect(slotGrid({ startHour: 23, endHour: 24, slotMinutes: 60 })).toEqual([{ start: '23:00', end: '24:00' }]);
    expect(slotGrid({ startHour: 10, endHour: 10, slotMinutes: 30 })).toEqual([]);
    expect(slotGrid({ startHour: 9, endHour: 17, slotMinutes: 0 })).toEqual([]);
  });

  it('finds a slot on the grid and refuses a time off it with the field and what is offered', () => {
    const hours = { startHour: 9, endHour: 12, slotMinutes: 30 };
    expect(slotOnGrid(hours, '10:30', 'a visiting slot')).toEqual({ start: '10:30', end: '11:00' });
    expect(() => slotOnGrid(hours, '10:15', 'a visiting slot')).toThrow(
      /10:15 is not a visiting slot \(offered: 09:00–12:00 every 30 minutes\)/,
    );
    expect(() => slotOnGrid(hours, '25:00', 'a visiting slot')).toThrow(expect.objectContaining({ code: 'SlotNotOnGrid' }));
    expect(() => slotOnGrid({ startHour: 9, endHour: 9, slotMinutes: 30 }, '09:00', 'a slot', 'none that day')).toThrow(/none that day/);
  });

  it('places a slot time on the Beijing day, 24:00 at the next midnight', () => {
    expect(slotInstant('2026-03-02', '09:30').toISOString()).toBe('2026-03-02T01:30:00.000Z');
    expect(slotInstant('2026-03-02', '24:00').toISOString()).toBe('2026-03-02T16:00:00.000Z');
  });
});
