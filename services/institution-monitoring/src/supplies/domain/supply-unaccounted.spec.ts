import { recordStockCount } from './supply-stock';

const ctx = (now: string) => ({ unitId: 'u1', item: 'masks' as const, now: new Date(now), by: 'staff' });

describe('stock gone without recorded use (挪用物资, seed 000 accountability list)', () => {
  const first = recordStockCount(undefined, { stock: 3600, dailyUse: 120 }, ctx('2026-03-01T02:00:00Z'), 3).next;

  it('a count at what the records leave (last count − daily use × days) finds nothing', () => {
    expect(recordStockCount(first, { stock: 3000, dailyUse: 120 }, ctx('2026-03-06T02:00:00Z'), 3).unaccounted).toBeUndefined();
  });

  it('a shortfall within the tolerance (3 days of use) finds nothing; beyond it, the finding', () => {
    expect(recordStockCount(first, { stock: 2640, dailyUse: 120 }, ctx('2026-03-06T02:00:00Z'), 3).unaccounted).toBeUndefined();
    const found = recordStockCount(first, { stock: 1200, dailyUse: 120 }, ctx('2026-03-06T02:00:00Z'), 3);
    expect(found.unaccounted).toEqual({
      findingId: `u1:masks:${Date.parse('2026-03-06T02:00:00Z')}`,
      expectedStock: 3000,
      countedStock: 1200,
      unaccounted: 1800,
      dailyUse: 120,
      daysSinceLastCount: 5,
      lastCountAt: new Date('2026-03-01T02:00:00Z'),
    });
    expect(found.next.stock).toBe(1200); // the count stands: it is what is there
  });

  it('is not checked without a tolerance (callers that do not ask) nor on a first count', () => {
    expect(recordStockCount(first, { stock: 0, dailyUse: 120 }, ctx('2026-03-02T02:00:00Z')).unaccounted).toBeUndefined();
    expect(recordStockCount(undefined, { stock: 0, dailyUse: 120 }, ctx('2026-03-02T02:00:00Z'), 3).unaccounted).toBeUndefined();
  });
});
