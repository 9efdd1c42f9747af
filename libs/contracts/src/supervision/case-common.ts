import { divisionCodeSchema, idSchema } from '../event-contract';

/**
 * Kinds of signal-driven case, each opened by one upstream signal (or supervision's own) and
 * resolved by its clearing event or by an officer.
 */
export const CASE_TYPES = [
  'report-missed',
  'symptom-case',
  'supply-shortage',
  'vaccination-below-floor',
  'staff-vaccination-not-cleared',
  'visit-overdue',
  'application-overdue',
  'equipment-unrepaired',
  'capacity-strained',
  'disinfection-missed',
  'rectification-overdue',
  'directive-missed',
  'report-inconsistent',
  'reserves-unaccounted',
  'recheck-missed',
  'hotline-call-overdue',
  'low-income-warning-overdue',
  'self-inspection-missed',
  'child-placement-overdue',
] as const;
export type CaseType = (typeof CASE_TYPES)[number];

/** Rungs of an escalation ladder, lowest first. */
export const CASE_LEVELS = ['township', 'county', 'city', 'province'] as const;
export type CaseLevel = (typeof CASE_LEVELS)[number];

/** Fields every case event carries. */
export interface CaseEventBase {
  /** Id of the case. */
  caseId: string;
  caseType: CaseType;
  /** What the case is about, e.g. the unit id for report-missed. */
  subjectId: string;
  /** Division of the subject; jurisdictions at and above it see the case. */
  divisionCode: string;
}

export const caseBaseProperties = {
  caseId: { ...idSchema, description: 'Id of the case.' },
  caseType: { enum: [...CASE_TYPES], description: 'Kind of signal that opened the case.' },
  subjectId: { ...idSchema, description: 'What the case is about (the unit id for report-missed).' },
  divisionCode: divisionCodeSchema,
} as const;

export const caseBaseRequired = ['caseId', 'caseType', 'subjectId', 'divisionCode'];
