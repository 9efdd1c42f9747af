import { DomainError } from '@civil/kernel';
import { daysOfCover, isShort, ItemStock, recordReceipt, recordStockCount, staleness } from './supply-stock';

const at = (iso: string) => new Date(iso);
const ctx = (now = '2026-03-02T02:00:00Z') => ({ unitId: 'u-1', item: 'masks' as const, now: at(now), by: 'staff-1' });

describe('days of cover', () => {
  it('is stock / dailyUse rounded down', () => {
    expect(daysOfCover(2400, 120)).toBe(20);
    expect(daysOfCover(3599, 120)).toBe(29);
    expect(daysOfCover(3600, 120)).toBe(30);
    expect(daysOfCover(0, 5)).toBe(0);
  });

  it('is exact with decimals (0.57 litres at 0.019 a day is 30 days, not 29)', () => {
    expect(0.57 / 0.019).toBeLessThan(30); // what naive floating point would floor to 29
    expect(daysOfCover(0.57, 0.019)).toBe(30);
    expect(daysOfCover(0.569, 0.019)).toBe(29);
  });

  it('is unlimited (null) when nothing is used, and unlimited is never short', () => {
    expect(daysOfCover(0, 0)).toBeNull();
    expect(daysOfCover(10, 0)).toBeNull();
    expect(isShort(null)).toBe(false);
  });

  it('calls exactly 30 days enough and 29 days short', () => {
    expect(isShort(30)).toBe(false);
    expect(isShort(29)).toBe(true);
    expect(isShort(0)).toBe(true);
  });
});

describe('shortage episodes', () => {
  it('opens one episode when an item falls below 30 days, and not again while it stays low', () => {
    const first = recordStockCount(undefined, { stock: 3600, dailyUse: 120 }, ctx());
    expect(first.transition).toBeNull();
    expect(first.next).toMatchObject({ daysOfCover: 30, episodeCount: 0, openEpisode: null });

    const low = recordStockCount(first.next, { stock: 3480, dailyUse: 120 }, ctx('2026-03-03T02:00:00Z'));
    expect(low.transition).toEqual({ kind: 'detected', episodeId: 'u-1:masks:1', daysOfCover: 29 });
    expect(low.next.openEpisode).toEqual({ episodeId: 'u-1:masks:1', detectedAt: at('2026-03-03T02:00:00Z'), daysOfCover: 29 });

    const lower = recordStockCount(low.next, { stock: 1200, dailyUse: 120 }, ctx('2026-03-04T02:00:00Z'));
    expect(lower.transition).toBeNull();
    expect(lower.next).toMatchObject({
      stock: 1200,
      daysOfCover: 10,
      episodeCount: 1,
      openEpisode: { episodeId: 'u-1:masks:1', daysOfCover: 29 },
    });
  });

  it('clears the episode once at 30 days or more, and a later shortage is episode 2', () => {
    const low = recordStockCount(undefined, { stock: 100, dailyUse: 10 }, ctx()).next;
    const restocked = recordStockCount(low, { stock: 300, dailyUse: 10 }, ctx('2026-03-05T02:00:00Z'));
    expect(restocked.transition).toEqual({ kind: 'cleared', episodeId: 'u-1:masks:1', daysOfCover: 30 });
    expect(restocked.next).toMatchObject({ openEpisode: null, episodeCount: 1 });

    expect(recordStockCount(restocked.next, { stock: 400, dailyUse: 10 }, ctx()).transition).toBeNull();
    const again = recordStockCount(restocked.next, { stock: 290, dailyUse: 10 }, ctx());
    expect(again.transition).toEqual({ kind: 'detected', episodeId: 'u-1:masks:2', daysOfCover: 29 });
  });

  it('clears an episode when use drops to zero (unlimited cover)', () => {
    const low = recordStockCount(undefined, { stock: 10, dailyUse: 10 }, ctx()).next;
    expect(recordStockCount(low, { stock: 10, dailyUse: 0 }, ctx()).transition).toEqual({
      kind: 'cleared',
      episodeId: 'u-1:masks:1',
      daysOfCover: null,
    });
  });

  it('counts a receipt into the stock once, however often it is resent', () => {
    const low = recordStockCount(undefined, { stock: 200, dailyUse: 10 }, ctx()).next;
    const received = recordReceipt(low, { quantity: 100, receiptId: 'r-1' }, ctx());
    expect(received.transition).toEqual({ kind: 'cleared', episodeId: 'u-1:masks:1', daysOfCover: 30 });
    expect(received.next.stock).toBe(300);
    const resent = recordReceipt(received.next, { quantity: 100, receiptId: 'r-1' }, ctx());
    expect(resent).toMatchObject({ duplicate: true, transition: null });
    expect(resent.next.stock).toBe(300);
  });

  it('refuses a receipt before any stock count, and bad figures naming the field', () => {
    expect(() => recordReceipt(undefined, { quantity: 5, receiptId: 'r' }, ctx())).toThrow(
      expect.objectContaining({ kind: 'conflict', code: 'NoStockCount' }),
    );
    const bad = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return (e as DomainError).details;
      }
      return undefined;
    };
    expect(bad(() => recordStockCount(undefined, { stock: -1, dailyUse: 1 }, ctx()))).toEqual({ field: 'stock' });
    expect(bad(() => recordStockCount(undefined, { stock: 1, dailyUse: 0.0001 }, ctx()))).toEqual({ field: 'dailyUse' });
    expect(bad(() => recordReceipt({} as ItemStock, { quantity: 0, receiptId: 'r' }, ctx()))).toEqual({ field: 'quantity' });
  });
});

describe('staleness', () => {
  it('counts Beijing days and is stale only past the maximum age', () => {
    const updated = at('2026-03-01T15:30:00Z'); // 23:30 on 1 March in Beijing
    expect(staleness(updated, at('2026-03-01T16:30:00Z'), 7)).toEqual({ stale: false, ageDays: 1 }); // 00:30 on 2 March
    expect(staleness(updated, at('2026-03-08T15:00:00Z'), 7)).toEqual({ stale: false, ageDays: 7 });
    expect(staleness(updated, at('2026-03-08T16:00:00Z'), 7)).toEqual({ stale: true, ageDays: 8 });
    expect(staleness(undefined, at('2026-03-08T16:00:00Z'), 7)).toEqual({ stale: true, ageDays: null });
  });
});
