/** A unique-index violation: for an idempotent write, "this was already done". */
export function isDuplicateKeyError(error: unknown): boolean {
  const e = error as { code?: number; writeErrors?: { code?: number }[] | { code?: number } } | undefined;
  if (!e) return false;
  if (e.code === 11000) return true;
  const writeErrors = Array.isArray(e.writeErrors) ? e.writeErrors : e.writeErrors ? [e.writeErrors] : [];
  return writeErrors.length > 0 && writeErrors.every((w) => w.code === 11000);
}

/** Ids that an unordered insertMany did insert, given its error (duplicates are skipped). */
export function insertedDespiteDuplicates<T extends { _id: unknown }>(docs: readonly T[], error: unknown): T[] {
  const e = error as { writeErrors?: { index: number; code?: number }[] | { index: number; code?: number } };
  const writeErrors = Array.isArray(e?.writeErrors) ? e.writeErrors : e?.writeErrors ? [e.writeErrors] : [];
  if (!writeErrors.length || writeErrors.some((w) => w.code !== 11000)) throw error;
  const failed = new Set(writeErrors.map((w) => w.index));
  return docs.filter((_d, i) => !failed.has(i));
}

/**
 * A failure that passes: the same call made again later may well succeed (the database or the
 * relay was slow, another writer held on). A consumer retries it; over HTTP it is a 503.
 */
export class TransientWriteError extends Error {
  readonly transient = true;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TransientWriteError';
  }
}
