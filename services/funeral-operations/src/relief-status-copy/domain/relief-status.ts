import type { ReliefRegister } from '@civil/contracts';
import { APPLIED_EVENTS_KEPT_HERE } from './limits';

/**
 * This service's copy of a person's relief status (救助身份), keyed by person key (a keyed hash of
 * the ID number; the number itself is never held). Social relief sends every current register with
 * each change, so the copy is replaced, never patched; only a newer `changedAt` replaces it, so an
 * old event delivered late or twice changes nothing.
 */
export interface ReliefStatusCopy {
  personKey: string;
  registers: ReliefRegister[];
  divisionCode: string;
  changedAt: Date;
  /** Ids of the events applied (the latest few). */
  appliedEvents: string[];
}

export function applyStatus(
  current: ReliefStatusCopy | null,
  incoming: Omit<ReliefStatusCopy, 'appliedEvents'>,
  eventId: string,
): ReliefStatusCopy | null {
  if (current && (current.appliedEvents.includes(eventId) || current.changedAt.getTime() >= incoming.changedAt.getTime())) return null;
  return { ...incoming, appliedEvents: [...(current?.appliedEvents ?? []), eventId].slice(-APPLIED_EVENTS_KEPT_HERE) };
}
