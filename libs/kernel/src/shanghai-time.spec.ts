import { addDays, isLocalDate, shanghaiDate, shanghaiInstant } from './shanghai-time';

describe('Asia/Shanghai time', () => {
  it('gives the Beijing calendar day, which starts at 16:00 UTC the day before', () => {
    expect(shanghaiDate(new Date('2026-03-01T15:59:59Z'))).toBe('2026-03-01');
    expect(shanghaiDate(new Date('2026-03-01T16:00:00Z'))).toBe('2026-03-02');
  });

  it('turns a local wall-clock time into the instant', () => {
    expect(shanghaiInstant('2026-03-02', '10:00').toISOString()).toBe('2026-03-02T02:00:00.000Z');
    expect(shanghaiInstant('2026-03-02', '00:30').toISOString()).toBe('2026-03-01T16:30:00.000Z');
  });

  it('rejects impossible dates and times', () => {
    expect(isLocalDate('2026-02-30')).toBe(false);
    expect(() => shanghaiInstant('2026-03-02', '24:00')).toThrow('not a time');
  });

  it('steps over month ends', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });
});
