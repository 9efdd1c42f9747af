import { deterministicId } from './deterministic-id';

describe('deterministicId', () => {
  it('is stable for the same parts and differs otherwise', () => {
    const a = deterministicId('ReportMissed', 'unit-1', '2026-03-02');
    expect(deterministicId('ReportMissed', 'unit-1', '2026-03-02')).toBe(a);
    expect(deterministicId('ReportMissed', 'unit-1', '2026-03-03')).not.toBe(a);
    // parts are separated, so shifting characters between parts changes the id
    expect(deterministicId('ab', 'c')).not.toBe(deterministicId('a', 'bc'));
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
