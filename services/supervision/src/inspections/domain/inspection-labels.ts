/** Every zh-CN label map of inspections, for the service's /labels. */
export { CHECKLIST_OUTCOME_LABELS, INSPECTION_MODE_LABELS, INSPECTION_STATUS_LABELS } from './inspection';
export { LEADER_RANK_LABELS } from './inspection-team';
export { FINDING_SCOPE_LABELS, HARM_LEVEL_LABELS, SEVERITY_GRID_LETTER_LABELS } from './severity-grid';
export { INSPECTION_TRIGGER_RULE_LABELS } from './data-triggers';
export { INSPECTION_TARGET_TYPE_LABELS } from './inspection-target';
export { COMBINED_CHECKLIST_LABELS } from './checklist-template';
