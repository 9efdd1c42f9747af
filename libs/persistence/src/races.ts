import { ConcurrentChangeError } from './aggregate-store';

export interface RetryWhileRacingOptions {
  /** Rounds before giving up (each lost round means another writer's write landed). */
  attempts: number;
  /** Lost rounds after which each retry waits a few random milliseconds (default 3). */
  spreadAfter?: number;
  /** What the caller is told after the last lost round; default a ConcurrentChangeError (409). */
  conflict?: () => Error;
  /** What is being written, for the default error ("visit day u-1/2024-05-01"). */
  what?: string;
}

/** One round's result: the value when its write landed, undefined when it lost the race. */
export type RaceRound<R> = { value: R } | undefined;

/**
 * Runs `decideAndWrite` until its write lands: each round reads, decides and writes by
 * compare-and-set, and returns `{ value }` when the write landed or undefined when another writer
 * wrote first (it is then called again, reading afresh). Lost rounds past `spreadAfter` wait a
 * few random milliseconds, so writers racing for one busy document spread out. After `attempts`
 * lost rounds it throws `conflict()` (a ConcurrentChangeError by default). An error thrown by a
 * round (a refusal) reaches the caller as it is.
 */
export async function retryWhileRacing<R>(
  decideAndWrite: (attempt: number) => Promise<RaceRound<R>>,
  options: RetryWhileRacingOptions,
): Promise<R> {
  const spreadAfter = options.spreadAfter ?? 3;
  for (let attempt = 1; attempt <= options.attempts; attempt++) {
    const round = await decideAndWrite(attempt);
    if (round) return round.value;
    if (attempt > spreadAfter && attempt < options.attempts) await spread(attempt);
  }
  throw options.conflict
    ? options.conflict()
    : new ConcurrentChangeError(`${options.what ?? 'the document'} kept changing while being written; try again`, {});
}

/** A few random milliseconds, more as the lost races add up (at most 20). */
function spread(attempt: number): Promise<void> {
  return new Promise((r) => setTimeout(r, Math.random() * Math.min(attempt, 20)));
}
