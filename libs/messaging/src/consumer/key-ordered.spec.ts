import { lastDonePrefix, runKeyOrdered } from './key-ordered';

describe('runKeyOrdered', () => {
  it('keeps order inside a key while keys run side by side', async () => {
    const items = [
      { k: 'a', n: 1, delay: 20 },
      { k: 'b', n: 1, delay: 0 },
      { k: 'a', n: 2, delay: 0 },
      { k: 'b', n: 2, delay: 5 },
      { k: 'a', n: 3, delay: 0 },
    ];
    const seen: string[] = [];
    const { done, error } = await runKeyOrdered(items, (i) => i.k, 4, async (i) => {
      await new Promise((r) => setTimeout(r, i.delay));
      seen.push(`${i.k}${i.n}`);
    });
    expect(error).toBeUndefined();
    expect(done).toEqual([true, true, true, true, true]);
    expect(seen.filter((s) => s.startsWith('a'))).toEqual(['a1', 'a2', 'a3']);
    expect(seen.filter((s) => s.startsWith('b'))).toEqual(['b1', 'b2']);
    // b finished before a's slow first item: the lanes did run concurrently
    expect(seen.indexOf('b2')).toBeLessThan(seen.indexOf('a1'));
  });

  it('stops a lane at its first failure and reports what completed', async () => {
    const items = ['a1', 'a2', 'b1'];
    const { done, error } = await runKeyOrdered(items, (i) => i[0], 1, async (i) => {
      if (i === 'a2') throw new Error('boom');
    });
    expect((error as Error).message).toBe('boom');
    expect(done[0]).toBe(true);
    expect(done[1]).toBe(false);
    expect(lastDonePrefix(done)).toBe(0);
  });

  it('finds the committed prefix', () => {
    expect(lastDonePrefix([])).toBe(-1);
    expect(lastDonePrefix([false, true])).toBe(-1);
    expect(lastDonePrefix([true, true, false, true])).toBe(1);
    expect(lastDonePrefix([true, true])).toBe(1);
  });
});
