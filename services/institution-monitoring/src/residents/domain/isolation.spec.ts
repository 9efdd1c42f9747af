import { ISOLATION_DAYS, isFever, isolationEndsOn, isolationOver, toTenths } from './isolation';

describe('isolation and fever rules', () => {
  it('isolates 14 days: from day D, out of isolation on D+14 (Beijing days)', () => {
    expect(ISOLATION_DAYS).toBe(14);
    expect(isolationEndsOn(new Date('2026-03-02T01:00:00Z'))).toBe('2026-03-16');
    // 23:30 UTC on 1 March is already 2 March in Beijing
    expect(isolationEndsOn(new Date('2026-03-01T23:30:00Z'))).toBe('2026-03-16');
    expect(isolationEndsOn(new Date('2026-02-20T03:00:00Z'))).toBe('2026-03-06');
  });

  it('ends on its end date, not a day before', () => {
    expect(isolationOver('2026-03-16', '2026-03-15')).toBe(false);
    expect(isolationOver('2026-03-16', '2026-03-16')).toBe(true);
    expect(isolationOver('2026-03-16', '2026-03-17')).toBe(true);
  });

  it('counts 37.3 °C as fever at the default threshold (at or above), 37.2 not', () => {
    expect(toTenths(37.3)).toBe(373);
    expect(toTenths(36.95)).toBe(370);
    expect(isFever(toTenths(37.3), 373)).toBe(true);
    expect(isFever(toTenths(37.2), 373)).toBe(false);
    expect(isFever(toTenths(37.3), 375)).toBe(false);
  });
});
