import { defineEvent, divisionCodeSchema, idSchema, instantSchema, localDateSchema } from '../event-contract';
import { UnitType, UNIT_TYPES } from '../institution-monitoring/unit-types';
import { InspectionTopic, SUPERVISION_SOURCE } from './topics';

/**
 * How an inspection meets its unit: 四不两直 (unannounced: no notice, no greeting, no escort, no
 * reception, straight to the site), 暗访 (covert visit), 明察 (announced, open inspection),
 * 自查自纠 (self-inspection, filed by the unit itself).
 */
export const INSPECTION_MODES = ['unannounced', 'covert', 'announced', 'self-inspection'] as const;
export type InspectionMode = (typeof INSPECTION_MODES)[number];

/** Modes the inspected unit must not learn of before the team arrives. */
export const HIDDEN_UNTIL_STARTED_MODES: readonly InspectionMode[] = ['unannounced', 'covert'];

/**
 * What supervision inspects beside the registry's units, registered in supervision itself:
 * funeral homes (殡仪馆: emergency measures, work procedures, service quality), townships (镇（街道）:
 * the distribution of vouchers and protection kits, the target is the township's division code) and
 * welfare-lottery sales points (福彩销售网点).
 */
export const SUPERVISED_TARGET_KINDS = ['funeral-home', 'township', 'lottery-outlet'] as const;
export type SupervisedTargetKind = (typeof SUPERVISED_TARGET_KINDS)[number];

/** Every kind of inspection target: a registry unit type or a kind registered in supervision. */
export const INSPECTION_TARGET_TYPES = [...UNIT_TYPES, ...SUPERVISED_TARGET_KINDS] as const;
export type InspectionTargetType = UnitType | SupervisedTargetKind;

/** Data rules that schedule an inspection by themselves. */
export const INSPECTION_TRIGGER_RULES = ['symptom-cases', 'reports-missed'] as const;
export type InspectionTriggerRule = (typeof INSPECTION_TRIGGER_RULES)[number];

/** Scope × severity grid letters (as the CMS survey grid): A–C no actual harm … J–L immediate jeopardy. */
export const SEVERITY_GRID_LETTERS = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L'] as const;
export type SeverityGridLetter = (typeof SEVERITY_GRID_LETTERS)[number];

/** Fields every inspection event carries. */
export interface InspectionRef {
  /** Id of the inspection (one unit, one visit). */
  inspectionId: string;
  /** The round (轮次) it belongs to; null for a data-triggered inspection. */
  planId: string | null;
  /** The inspected unit. */
  unitId: string;
  /** Kind of the inspected target: a registry unit type, or funeral-home, township, lottery-outlet. */
  unitType: InspectionTargetType;
  /** Division of the unit; jurisdictions at and above it see the inspection. */
  divisionCode: string;
  /** How the inspection meets the unit. */
  mode: InspectionMode;
  /** The inspection team (督查组); null for a self-inspection or a team not yet assigned. */
  teamId: string | null;
}

export interface InspectionTrigger {
  /** The data rule that fired. */
  rule: InspectionTriggerRule;
  /** The regional threshold in force when it fired. */
  threshold: number;
  /** What was observed against the threshold (cases since the last report, or misses in the window). */
  observed: number;
  /** ce_id of every event the rule counted (the evidence). */
  evidenceEventIds: string[];
}

export interface InspectionScheduled extends InspectionRef {
  /** The day the inspection is planned for (Asia/Shanghai). */
  scheduledDate: string;
  /** Set when a data rule scheduled it rather than a plan; null for planned inspections. */
  trigger: InspectionTrigger | null;
  /** When it was scheduled (for unannounced/covert: still the scheduling time, though published at start). */
  scheduledAt: string;
}

export interface InspectionStarted extends InspectionRef {
  /** When the team arrived (or the unit began its self-inspection). */
  startedAt: string;
}

export interface InspectionCompleted extends InspectionRef {
  /** Checklist items the inspection carried. */
  checklistItems: number;
  /** Items found compliant. */
  checklistPassed: number;
  /** Items found not compliant. */
  checklistFailed: number;
  /** Items that did not apply or were not checked. */
  checklistNotChecked: number;
  /** Findings recorded; each becomes a rectification issue. */
  findings: number;
  /** Findings per grid letter (only letters that occurred). */
  findingsBySeverity: Partial<Record<SeverityGridLetter, number>>;
  /** The most severe grid letter found; null when nothing was found. */
  highestSeverity: SeverityGridLetter | null;
  /** When the inspection was completed. */
  completedAt: string;
}

const refProperties = {
  inspectionId: { ...idSchema, description: 'Id of the inspection.' },
  planId: { anyOf: [idSchema, { type: 'null' }], description: 'The round it belongs to; null when data-triggered.' },
  unitId: { ...idSchema, description: 'The inspected unit.' },
  unitType: {
    enum: [...INSPECTION_TARGET_TYPES],
    description:
      'Kind of the inspected target: a registry unit type, or funeral-home (殡仪馆), township (镇街, its division code is the target), lottery-outlet (福彩销售网点).',
  },
  divisionCode: divisionCodeSchema,
  mode: {
    enum: [...INSPECTION_MODES],
    description: 'unannounced (四不两直), covert (暗访), announced (明察) or self-inspection (自查自纠).',
  },
  teamId: { anyOf: [idSchema, { type: 'null' }], description: 'The inspection team, if any.' },
} as const;
const refRequired = ['inspectionId', 'planId', 'unitId', 'unitType', 'divisionCode', 'mode', 'teamId'] as const;

const letterCounts = Object.fromEntries(SEVERITY_GRID_LETTERS.map((l) => [l, { type: 'integer', minimum: 1 }]));

const exampleRef: InspectionRef = {
  inspectionId: '3c1f7a52-8d0e-5b6a-9f41-2e7d5c8b9a10',
  planId: 'ip-330521-2026-03',
  unitId: 'u-330521-0001',
  unitType: 'elderly-care-home',
  divisionCode: '330521101',
  mode: 'announced',
  teamId: 'it-330521-01',
};

export const InspectionScheduledV1 = defineEvent<InspectionScheduled>({
  name: 'InspectionScheduled',
  type: 'cn.gov.civilaffairs.supervision.inspection-scheduled.v1',
  topic: InspectionTopic,
  source: SUPERVISION_SOURCE,
  description:
    'An inspection of a unit was scheduled, by a round (plan) or by a data rule (trigger). Announced and self-inspections are published when scheduled; ' +
    'unannounced (四不两直) and covert (暗访) inspections are NOT published until the team starts them, then this event and InspectionStarted are published together, ' +
    'so that no consumer can warn the unit in advance.',
  keyDescription: 'inspectionId',
  required: [...refRequired, 'scheduledDate', 'trigger', 'scheduledAt'],
  properties: {
    ...refProperties,
    scheduledDate: { ...localDateSchema, description: 'Day the inspection is planned for.' },
    trigger: {
      anyOf: [
        {
          type: 'object',
          required: ['rule', 'threshold', 'observed', 'evidenceEventIds'],
          properties: {
            rule: { enum: [...INSPECTION_TRIGGER_RULES], description: 'The data rule that fired.' },
            threshold: { type: 'integer', minimum: 1, description: 'Regional threshold in force.' },
            observed: { type: 'integer', minimum: 1, description: 'What was observed against the threshold.' },
            evidenceEventIds: { type: 'array', minItems: 1, items: idSchema, description: 'ce_id of every event the rule counted.' },
          },
        },
        { type: 'null' },
      ],
      description: 'The data rule that scheduled it; null for planned inspections.',
    },
    scheduledAt: { ...instantSchema, description: 'When it was scheduled.' },
  },
  example: {
    ...exampleRef,
    planId: null,
    teamId: null,
    scheduledDate: '2026-03-07',
    trigger: { rule: 'symptom-cases', threshold: 3, observed: 3, evidenceEventIds: ['7d3e1b90-4c2a-5f8e-a1b2-c3d4e5f60718'] },
    scheduledAt: '2026-03-04T01:00:00.000Z',
  },
  keyOf: (p) => p.inspectionId,
  subjectOf: (p) => p.inspectionId,
  regionOf: (p) => p.divisionCode,
});

export const InspectionStartedV1 = defineEvent<InspectionStarted>({
  name: 'InspectionStarted',
  type: 'cn.gov.civilaffairs.supervision.inspection-started.v1',
  topic: InspectionTopic,
  source: SUPERVISION_SOURCE,
  description:
    'The team arrived and the inspection began (for a self-inspection: the unit began it). For unannounced and covert inspections this is the first moment the inspection is visible outside supervision.',
  keyDescription: 'inspectionId',
  required: [...refRequired, 'startedAt'],
  properties: { ...refProperties, startedAt: { ...instantSchema, description: 'When it began.' } },
  example: { ...exampleRef, mode: 'unannounced', startedAt: '2026-03-05T01:30:00.000Z' },
  keyOf: (p) => p.inspectionId,
  subjectOf: (p) => p.inspectionId,
  regionOf: (p) => p.divisionCode,
});

export const InspectionCompletedV1 = defineEvent<InspectionCompleted>({
  name: 'InspectionCompleted',
  type: 'cn.gov.civilaffairs.supervision.inspection-completed.v1',
  topic: InspectionTopic,
  source: SUPERVISION_SOURCE,
  description:
    'The inspection was completed with its checklist results and findings; each finding is opened as a rectification issue (RectificationIssueOpened).',
  keyDescription: 'inspectionId',
  required: [
    ...refRequired,
    'checklistItems',
    'checklistPassed',
    'checklistFailed',
    'checklistNotChecked',
    'findings',
    'findingsBySeverity',
    'highestSeverity',
    'completedAt',
  ],
  properties: {
    ...refProperties,
    checklistItems: { type: 'integer', minimum: 0, description: 'Checklist items carried.' },
    checklistPassed: { type: 'integer', minimum: 0, description: 'Items found compliant.' },
    checklistFailed: { type: 'integer', minimum: 0, description: 'Items found not compliant.' },
    checklistNotChecked: { type: 'integer', minimum: 0, description: 'Items not applicable or not checked.' },
    findings: { type: 'integer', minimum: 0, description: 'Findings recorded.' },
    findingsBySeverity: { type: 'object', properties: letterCounts, additionalProperties: false, description: 'Findings per grid letter.' },
    highestSeverity: {
      anyOf: [{ enum: [...SEVERITY_GRID_LETTERS] }, { type: 'null' }],
      description: 'Most severe grid letter found, if any.',
    },
    completedAt: { ...instantSchema, description: 'When it was completed.' },
  },
  example: {
    ...exampleRef,
    checklistItems: 10,
    checklistPassed: 8,
    checklistFailed: 2,
    checklistNotChecked: 0,
    findings: 2,
    findingsBySeverity: { D: 1, G: 1 },
    highestSeverity: 'G',
    completedAt: '2026-03-05T04:00:00.000Z',
  },
  keyOf: (p) => p.inspectionId,
  subjectOf: (p) => p.inspectionId,
  regionOf: (p) => p.divisionCode,
});
