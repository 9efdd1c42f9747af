import { DomainError } from '@civil/kernel';

/** The DomainError an action throws, for asserting its code and details; fails the test if it throws nothing or something else. */
export function domainErrorOf(action: () => unknown): DomainError {
  try {
    action();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw new Error(`expected a DomainError, got ${String(e)}`);
  }
  throw new Error('expected a DomainError, nothing was thrown');
}
