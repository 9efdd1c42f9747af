/**
 * Idempotent consumers remember the ids (ce_source#ce_id) of the events they applied next to the
 * state they changed; only the most recent are kept, since older redeliveries are stopped by
 * committed offsets.
 */
export const APPLIED_EVENTS_KEPT = 200;
