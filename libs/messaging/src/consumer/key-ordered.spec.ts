import { lastDonePrefix, runKeyOrdered } from './key-ordered';

describe('runKeyOrdered', () => {
  it('keeps order inside a key while keys run side by side', async () => {
    const items = [
      { k: 'a', n: 1 },
      { k: 'b', n: 1 },
      { k: 'a', n: 2 },
      { k: 'b', n: 2 },
      { k: 'a', n: 3 },
    ];
    const seen: string[] = [];
    // a1 waits until lane b has finished: only possible if the lanes run side by side (the
    // fallback release keeps a sequential runner from hanging, and then the order check fails)
    let releaseA!: () => void;
    const bDone = new Promise<void>((r) => (releaseA = r));
    const fallback = setTimeout(() => releaseA(), 2_000);
    const { done, error } = await runKeyOrdered(
      items,
      (i) => i.k,
      4,
      async (i) => {
        if (i.k === 'a' && i.n === 1) await bDone;
        seen.push(`${i.k}${i.n}`);
        if (i.k === 'b' && i.n === 2) releaseA();
      },
    );
    clearTimeout(fallback);
    expect(error).toBeUndefined();
    expect(done).toEqual([true, true, true, true, true]);
    expect(seen).toEqual(['b1', 'b2', 'a1', 'a2', 'a3']);
  });

  it('stops a lane at its first failure and reports what completed', async () => {
    const items = ['a1', 'a2', 'b1'];
    const { done, error } = await runKeyOrdered(
      items,
      (i) => i[0],
      1,
      async (i) => {
        if (i === 'a2') throw new Error('boom');
      },
    );
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
