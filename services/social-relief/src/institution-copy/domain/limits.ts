/** Applied event ids kept on each copy (older redeliveries are stopped by committed offsets). */
export const APPLIED_EVENTS_KEPT_IN_COPY = 200;
