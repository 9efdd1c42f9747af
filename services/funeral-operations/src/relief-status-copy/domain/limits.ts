/** Event ids remembered per person (older redeliveries are stopped by `changedAt` anyway). */
export const APPLIED_EVENTS_KEPT_HERE = 20;
