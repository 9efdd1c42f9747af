/**
 * Splits a partition's batch into per-key lanes (order kept inside a lane) and runs lanes
 * concurrently, at most `concurrency` at a time. Returns, per item, whether it completed, so the
 * caller can commit exactly the prefix that is done.
 */
export async function runKeyOrdered<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
  concurrency: number,
  work: (item: T) => Promise<void>,
): Promise<{ done: boolean[]; error?: unknown }> {
  const lanes = new Map<string, number[]>();
  items.forEach((item, i) => {
    const k = keyOf(item);
    const lane = lanes.get(k);
    if (lane) lane.push(i);
    else lanes.set(k, [i]);
  });
  const done = items.map(() => false);
  const queue = [...lanes.values()];
  let firstError: unknown;
  const worker = async () => {
    for (let lane = queue.shift(); lane; lane = queue.shift()) {
      for (const i of lane) {
        if (firstError !== undefined) return;
        try {
          await work(items[i]);
          done[i] = true;
        } catch (e) {
          firstError ??= e;
          return;
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, queue.length)) }, worker));
  return { done, error: firstError };
}

/** Index of the last item such that it and every item before it are done; -1 if none. */
export function lastDonePrefix(done: readonly boolean[]): number {
  let i = -1;
  while (i + 1 < done.length && done[i + 1]) i++;
  return i;
}
