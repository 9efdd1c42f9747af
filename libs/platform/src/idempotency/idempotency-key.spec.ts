import { DomainError } from '@civil/kernel';
import { idempotencyKeyOf, idempotencyRecordId, requestFingerprint } from './idempotency-key';

describe('idempotency keys', () => {
  it('takes 1–255 visible ASCII characters, and nothing else', () => {
    expect(idempotencyKeyOf(undefined)).toBeUndefined();
    expect(idempotencyKeyOf('a')).toBe('a');
    expect(idempotencyKeyOf('~'.repeat(255))).toHaveLength(255);
    for (const bad of ['', ' ', 'a b', 'x'.repeat(256), 'clé', 'a\tb', ['a', 'b']]) {
      expect(() => idempotencyKeyOf(bad)).toThrow(DomainError);
    }
  });

  it('fingerprints a request by its parameters, query and body, whatever the order of fields', () => {
    const a = requestFingerprint({ params: { unitId: 'u-1' }, query: {}, body: { reportDate: 'd', counts: { a: 1, b: 2 } } });
    expect(requestFingerprint({ params: { unitId: 'u-1' }, query: {}, body: { counts: { b: 2, a: 1 }, reportDate: 'd' } })).toBe(a);
    expect(requestFingerprint({ params: { unitId: 'u-2' }, query: {}, body: { reportDate: 'd', counts: { a: 1, b: 2 } } })).not.toBe(a);
    expect(
      requestFingerprint({ params: { unitId: 'u-1' }, query: { wait: 'true' }, body: { reportDate: 'd', counts: { a: 1, b: 2 } } }),
    ).not.toBe(a);
    expect(requestFingerprint({ params: { unitId: 'u-1' }, query: {}, body: { reportDate: 'd', counts: { a: 1, b: 3 } } })).not.toBe(a);
  });

  it('keeps one record per caller, method, route and key', () => {
    const id = idempotencyRecordId('alice', 'POST', '/institutions/:unitId/daily-reports', 'k');
    expect(idempotencyRecordId('bob', 'POST', '/institutions/:unitId/daily-reports', 'k')).not.toBe(id);
    expect(idempotencyRecordId('alice', 'POST', '/institutions', 'k')).not.toBe(id);
    expect(idempotencyRecordId('alice', 'POST', '/institutions/:unitId/daily-reports', 'k')).toBe(id);
  });
});
