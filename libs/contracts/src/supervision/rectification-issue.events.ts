import { dataSchemaUri, divisionCodeSchema, EventContract, idSchema, instantSchema, localDateSchema } from '../event-contract';
import { RectificationIssueTopic, SUPERVISION_SOURCE } from './topics';

/** Fields every rectification-issue event carries. */
export interface RectificationIssueRef {
  /** Id of the issue. */
  issueId: string;
  /** The unit the issue is about; null when it concerns an office or a division rather than a unit. */
  unitId: string | null;
  /** Division of the subject; jurisdictions at and above it see the issue. */
  divisionCode: string;
}

export interface RectificationIssueOpened extends RectificationIssueRef {
  /** What must be put right, in the inspectors' words. */
  summary: string;
  /** Day the rectification is due. */
  dueDate: string;
  /** When the issue was opened and the notice sent. */
  openedAt: string;
  /** Scope/severity grid letter A–L, when the finding was graded. */
  severity?: string;
  /** Inspection the finding came from; absent for issues opened from a complaint or other source. */
  inspectionId?: string;
  /** Finding the issue was opened for, when it came from an inspection. */
  findingId?: string;
  /** Title (not name) of the bureau head the rectification notice went to, e.g. 德清县民政局局长. */
  noticeTo?: string;
}

export interface RectificationIssueReopened extends RectificationIssueRef {
  /** Why the verification revisit did not accept it. */
  reason: string;
  /** New day the rectification is due. */
  dueDate: string;
  /** When the revisit reopened it. */
  reopenedAt: string;
}

export interface RectificationIssueSignedOff extends RectificationIssueRef {
  /** When it was signed off (销号) after the verification revisit. */
  signedOffAt: string;
}

const ref = {
  issueId: { ...idSchema, description: 'Id of the issue.' },
  unitId: { anyOf: [idSchema, { type: 'null' }], description: 'The unit the issue is about, if any.' },
  divisionCode: divisionCodeSchema,
} as const;
const refRequired = ['issueId', 'unitId', 'divisionCode'];

const openedType = 'cn.gov.civilaffairs.supervision.rectification-issue-opened.v1';
const reopenedType = 'cn.gov.civilaffairs.supervision.rectification-issue-reopened.v1';
const signedOffType = 'cn.gov.civilaffairs.supervision.rectification-issue-signed-off.v1';

const common = { version: 1, topic: RectificationIssueTopic.name, source: SUPERVISION_SOURCE, keyDescription: 'issueId' } as const;

export const RectificationIssueOpenedV1: EventContract<RectificationIssueOpened> = {
  ...common,
  name: 'RectificationIssueOpened',
  type: openedType,
  description: 'An inspection finding became an issue with a rectification notice; the unit is under rectification until it is signed off.',
  schema: {
    $id: dataSchemaUri(openedType),
    type: 'object',
    required: [...refRequired, 'summary', 'dueDate', 'openedAt'],
    properties: {
      ...ref,
      summary: { type: 'string', minLength: 1, maxLength: 500, description: 'What must be put right.' },
      dueDate: { ...localDateSchema, description: 'Day the rectification is due.' },
      openedAt: instantSchema,
      severity: { type: 'string', pattern: '^[A-L]$', description: 'Scope/severity grid letter A–L.' },
      inspectionId: { ...idSchema, description: 'Inspection the finding came from.' },
      findingId: { ...idSchema, description: 'Finding the issue was opened for.' },
      noticeTo: { type: 'string', minLength: 1, maxLength: 100, description: 'Title of the bureau head the notice went to.' },
    },
  },
  example: {
    issueId: 'iss-330521-0042',
    unitId: 'u-330521-0001',
    divisionCode: '330521101',
    summary: '访客登记不全，未落实预约错峰',
    dueDate: '2026-03-10',
    openedAt: '2026-03-03T06:00:00.000Z',
  },
  keyOf: (p) => p.issueId,
  subjectOf: (p) => p.issueId,
  regionOf: (p) => p.divisionCode,
};

export const RectificationIssueReopenedV1: EventContract<RectificationIssueReopened> = {
  ...common,
  name: 'RectificationIssueReopened',
  type: reopenedType,
  description: 'The verification revisit did not accept the rectification; the issue is open again.',
  schema: {
    $id: dataSchemaUri(reopenedType),
    type: 'object',
    required: [...refRequired, 'reason', 'dueDate', 'reopenedAt'],
    properties: {
      ...ref,
      reason: { type: 'string', minLength: 1, maxLength: 500, description: 'Why it was not accepted.' },
      dueDate: { ...localDateSchema, description: 'New due day.' },
      reopenedAt: instantSchema,
    },
  },
  example: {
    issueId: 'iss-330521-0042',
    unitId: 'u-330521-0001',
    divisionCode: '330521101',
    reason: '复查时仍无预约记录',
    dueDate: '2026-03-14',
    reopenedAt: '2026-03-11T06:00:00.000Z',
  },
  keyOf: (p) => p.issueId,
  subjectOf: (p) => p.issueId,
  regionOf: (p) => p.divisionCode,
};

export const RectificationIssueSignedOffV1: EventContract<RectificationIssueSignedOff> = {
  ...common,
  name: 'RectificationIssueSignedOff',
  type: signedOffType,
  description: 'The issue was verified on a revisit and signed off (销号).',
  schema: {
    $id: dataSchemaUri(signedOffType),
    type: 'object',
    required: [...refRequired, 'signedOffAt'],
    properties: { ...ref, signedOffAt: instantSchema },
  },
  example: { issueId: 'iss-330521-0042', unitId: 'u-330521-0001', divisionCode: '330521101', signedOffAt: '2026-03-13T06:00:00.000Z' },
  keyOf: (p) => p.issueId,
  subjectOf: (p) => p.issueId,
  regionOf: (p) => p.divisionCode,
};

export interface RectificationEvidenceSubmitted extends RectificationIssueRef {
  /** Sequence number of this submission on the issue (1, 2, …). */
  evidenceNo: number;
  /** How many attachment references came with it. */
  attachmentCount: number;
  /** When the evidence was submitted. */
  submittedAt: string;
}

export const REVISIT_RESULTS = ['accepted', 'not-accepted'] as const;
export type RevisitResult = (typeof REVISIT_RESULTS)[number];

export interface RectificationRevisited extends RectificationIssueRef {
  /** Sequence number of this revisit on the issue (1, 2, …). */
  revisitNo: number;
  /** Whether the inspector accepted the rectification on site. */
  result: RevisitResult;
  /** Why it was not accepted; present only when not accepted. */
  reason?: string;
  /** When the revisit was recorded. */
  revisitedAt: string;
}

export interface RectificationIssueOverdue extends RectificationIssueRef {
  /** The due day that passed without sign-off. */
  dueDate: string;
  /** When the sweep found it overdue. */
  detectedAt: string;
  /** Scope/severity grid letter A–L, when the finding was graded. */
  severity?: string;
  /** What must be put right, in the inspectors' words. */
  summary: string;
}

const evidenceType = 'cn.gov.civilaffairs.supervision.rectification-evidence-submitted.v1';
const revisitedType = 'cn.gov.civilaffairs.supervision.rectification-revisited.v1';
const overdueType = 'cn.gov.civilaffairs.supervision.rectification-issue-overdue.v1';

export const RectificationEvidenceSubmittedV1: EventContract<RectificationEvidenceSubmitted> = {
  ...common,
  name: 'RectificationEvidenceSubmitted',
  type: evidenceType,
  description: 'The unit (or an officer covering it) submitted rectification evidence; the issue awaits a verification revisit.',
  schema: {
    $id: dataSchemaUri(evidenceType),
    type: 'object',
    required: [...refRequired, 'evidenceNo', 'attachmentCount', 'submittedAt'],
    properties: {
      ...ref,
      evidenceNo: { type: 'integer', minimum: 1, description: 'Sequence number of this submission on the issue.' },
      attachmentCount: { type: 'integer', minimum: 0, description: 'How many attachment references came with it.' },
      submittedAt: instantSchema,
    },
  },
  example: {
    issueId: 'iss-330521-0042',
    unitId: 'u-330521-0001',
    divisionCode: '330521101',
    evidenceNo: 1,
    attachmentCount: 2,
    submittedAt: '2026-03-08T06:00:00.000Z',
  },
  keyOf: (p) => p.issueId,
  subjectOf: (p) => p.issueId,
  regionOf: (p) => p.divisionCode,
};

export const RectificationRevisitedV1: EventContract<RectificationRevisited> = {
  ...common,
  name: 'RectificationRevisited',
  type: revisitedType,
  description:
    'An inspector recorded a verification revisit (复查): accepted (the issue may be signed off) or not accepted (it is reopened).',
  schema: {
    $id: dataSchemaUri(revisitedType),
    type: 'object',
    required: [...refRequired, 'revisitNo', 'result', 'revisitedAt'],
    properties: {
      ...ref,
      revisitNo: { type: 'integer', minimum: 1, description: 'Sequence number of this revisit on the issue.' },
      result: { enum: [...REVISIT_RESULTS], description: 'Whether the rectification was accepted.' },
      reason: { type: 'string', minLength: 1, maxLength: 500, description: 'Why it was not accepted.' },
      revisitedAt: instantSchema,
    },
  },
  example: {
    issueId: 'iss-330521-0042',
    unitId: 'u-330521-0001',
    divisionCode: '330521101',
    revisitNo: 1,
    result: 'not-accepted',
    reason: '复查时仍无预约记录',
    revisitedAt: '2026-03-11T06:00:00.000Z',
  },
  keyOf: (p) => p.issueId,
  subjectOf: (p) => p.issueId,
  regionOf: (p) => p.divisionCode,
};

export const RectificationIssueOverdueV1: EventContract<RectificationIssueOverdue> = {
  ...common,
  name: 'RectificationIssueOverdue',
  type: overdueType,
  description: 'An issue was not signed off by the end of its due day (Asia/Shanghai); published once per issue and due date.',
  schema: {
    $id: dataSchemaUri(overdueType),
    type: 'object',
    required: [...refRequired, 'dueDate', 'detectedAt', 'summary'],
    properties: {
      ...ref,
      dueDate: { ...localDateSchema, description: 'The due day that passed.' },
      detectedAt: instantSchema,
      severity: { type: 'string', pattern: '^[A-L]$', description: 'Scope/severity grid letter A–L.' },
      summary: { type: 'string', minLength: 1, maxLength: 500, description: 'What must be put right.' },
    },
  },
  example: {
    issueId: 'iss-330521-0042',
    unitId: 'u-330521-0001',
    divisionCode: '330521101',
    dueDate: '2026-03-10',
    detectedAt: '2026-03-10T16:00:05.000Z',
    severity: 'E',
    summary: '访客登记不全，未落实预约错峰',
  },
  keyOf: (p) => p.issueId,
  subjectOf: (p) => p.issueId,
  regionOf: (p) => p.divisionCode,
};
