/**
 * Idempotent consumers that change an existing document record the ids of the events they
 * applied inside it, in the same update: the filter skips a document that already has the id.
 * Only the most recent ids are kept; older redeliveries are stopped by committed offsets.
 */
export const APPLIED_EVENTS_FIELD = 'appliedEvents';
export const APPLIED_EVENTS_KEPT = 200;

export function notYetApplied(eventKey: string): Record<string, unknown> {
  return { [APPLIED_EVENTS_FIELD]: { $ne: eventKey } };
}

export function recordApplied(eventKey: string): { $push: Record<string, unknown> } {
  return { $push: { [APPLIED_EVENTS_FIELD]: { $each: [eventKey], $slice: -APPLIED_EVENTS_KEPT } } };
}
