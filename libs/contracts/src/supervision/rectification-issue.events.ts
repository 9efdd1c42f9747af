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
  openedAt: string;
}

export interface RectificationIssueReopened extends RectificationIssueRef {
  /** Why the verification revisit did not accept it. */
  reason: string;
  dueDate: string;
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
    },
  },
  example: { issueId: 'iss-330521-0042', unitId: 'u-330521-0001', divisionCode: '330521101', summary: '访客登记不全，未落实预约错峰', dueDate: '2026-03-10', openedAt: '2026-03-03T06:00:00.000Z' },
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
  example: { issueId: 'iss-330521-0042', unitId: 'u-330521-0001', divisionCode: '330521101', reason: '复查时仍无预约记录', dueDate: '2026-03-14', reopenedAt: '2026-03-11T06:00:00.000Z' },
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
