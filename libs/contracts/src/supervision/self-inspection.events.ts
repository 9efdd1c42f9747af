import { defineEvent, divisionCodeSchema, idSchema, instantSchema, localDateSchema } from '../event-contract';
import { INSPECTION_TARGET_TYPES, InspectionTargetType } from './inspection.events';
import { SelfInspectionTopic, SUPERVISION_SOURCE } from './topics';

/** What a peer reports of its self-inspection: nothing wrong, wrong and put right already, or wrong and still to rectify. */
export const SELF_INSPECTION_OUTCOMES = ['no-issue', 'rectified', 'issue-found'] as const;
export type SelfInspectionOutcome = (typeof SELF_INSPECTION_OUTCOMES)[number];

/** Fields every self-inspection task event carries. */
export interface SelfInspectionTaskRef {
  /** The campaign (举一反三) the task belongs to: one per confirmed finding. */
  campaignId: string;
  /** The peer unit (or target) that owes the self-inspection. */
  unitId: string;
  /** Kind of the peer, the same as the unit where the finding was made. */
  unitType: InspectionTargetType;
  /** Division of the peer. */
  divisionCode: string;
  /** The inspection whose finding started the campaign. */
  inspectionId: string;
  /** The checklist item the finding fell under, if any. */
  checklistCode: string | null;
  /** Day the report is due (Asia/Shanghai). */
  dueDate: string;
}

export interface SelfInspectionReported extends SelfInspectionTaskRef {
  outcome: SelfInspectionOutcome;
  /** The rectification issue the peer opened for itself, when it found an issue it has not put right. */
  issueId: string | null;
  /** Reported after its due day ended (a SelfInspectionMissed came first). */
  late: boolean;
  reportedAt: string;
}

export interface SelfInspectionMissed extends SelfInspectionTaskRef {
  /** When the sweep found the due day over without a report. */
  detectedAt: string;
}

const ref = {
  campaignId: { ...idSchema, description: 'The campaign (举一反三) the task belongs to.' },
  unitId: { ...idSchema, description: 'The peer unit that owes the self-inspection.' },
  unitType: { enum: [...INSPECTION_TARGET_TYPES], description: 'Kind of the peer (the same as the unit of the finding).' },
  divisionCode: { ...divisionCodeSchema, description: 'Division of the peer.' },
  inspectionId: { ...idSchema, description: 'The inspection whose finding started the campaign.' },
  checklistCode: {
    anyOf: [{ type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,47}$' }, { type: 'null' }],
    description: 'Checklist item of the finding.',
  },
  dueDate: { ...localDateSchema, description: 'Day the report is due.' },
} as const;
const refRequired = ['campaignId', 'unitId', 'unitType', 'divisionCode', 'inspectionId', 'checklistCode', 'dueDate'];

const exampleRef: SelfInspectionTaskRef = {
  campaignId: 'sic-6f0d2a1e-3b4c-5d6e-8f90-a1b2c3d4e5f6',
  unitId: 'u-330521-0002',
  unitType: 'elderly-care-home',
  divisionCode: '330521102',
  inspectionId: '3c1f7a52-8d0e-5b6a-9f41-2e7d5c8b9a10',
  checklistCode: 'visitor-registration',
  dueDate: '2026-03-12',
};

export const SelfInspectionReportedV1 = defineEvent<SelfInspectionReported>({
  name: 'SelfInspectionReported',
  type: 'cn.gov.civilaffairs.supervision.self-inspection-reported.v1',
  topic: SelfInspectionTopic,
  source: SUPERVISION_SOURCE,
  description:
    'A peer unit reported back on the self-inspection (自查自纠) it was sent after a finding at another unit of its kind: no issue, issue found and rectified, ' +
    'or issue found and opened as its own rectification issue. Clears a SelfInspectionMissed of the same task.',
  keyDescription: 'unitId',
  required: [...refRequired, 'outcome', 'issueId', 'late', 'reportedAt'],
  properties: {
    ...ref,
    outcome: {
      enum: [...SELF_INSPECTION_OUTCOMES],
      description: 'no-issue, rectified (issue found and put right) or issue-found (still to rectify).',
    },
    issueId: { anyOf: [idSchema, { type: 'null' }], description: 'The rectification issue opened for an issue-found report.' },
    late: { type: 'boolean', description: 'Reported after the due day ended.' },
    reportedAt: instantSchema,
  },
  example: { ...exampleRef, outcome: 'rectified', issueId: null, late: false, reportedAt: '2026-03-09T03:00:00.000Z' },
  keyOf: (p) => p.unitId,
  subjectOf: (p) => p.unitId,
  regionOf: (p) => p.divisionCode,
});

export const SelfInspectionMissedV1 = defineEvent<SelfInspectionMissed>({
  name: 'SelfInspectionMissed',
  type: 'cn.gov.civilaffairs.supervision.self-inspection-missed.v1',
  topic: SelfInspectionTopic,
  source: SUPERVISION_SOURCE,
  description: 'A peer unit let the due day of its self-inspection task (自查自纠) end without reporting back; published once per task.',
  keyDescription: 'unitId',
  required: [...refRequired, 'detectedAt'],
  properties: { ...ref, detectedAt: instantSchema },
  example: { ...exampleRef, detectedAt: '2026-03-12T16:00:05.000Z' },
  keyOf: (p) => p.unitId,
  subjectOf: (p) => p.unitId,
  regionOf: (p) => p.divisionCode,
});
