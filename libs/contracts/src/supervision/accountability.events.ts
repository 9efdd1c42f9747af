import { defineEvent, divisionCodeSchema, idSchema, instantSchema } from '../event-contract';
import { AccountabilityTopic, SUPERVISION_SOURCE } from './topics';

/** What an accountability case (问责) holds a subject to account for. */
export const ACCOUNTABILITY_TRIGGERS = [
  'not-closed-management',
  'concealed-or-underreported',
  'late-reporting',
  'not-hospitalised-in-time',
  'reserves-misused',
  'eligible-not-helped',
  'late-distribution',
  'missed-visits',
  'funeral-emergency-measures-missing',
  'poor-funeral-service',
  'broker-scalper',
  'rectification-not-done',
] as const;
export type AccountabilityTrigger = (typeof ACCOUNTABILITY_TRIGGERS)[number];

/**
 * Who is held to account: a unit (institution or funeral home), a township, the civil-affairs office
 * of another division (e.g. a county that missed a directive step), or a post (a title such as 院长,
 * never a person).
 */
export const ACCOUNTABILITY_SUBJECT_KINDS = ['unit', 'township', 'division', 'role'] as const;
export type AccountabilitySubjectKind = (typeof ACCOUNTABILITY_SUBJECT_KINDS)[number];

/** What the discipline officer decided: talk (约谈), public criticism (通报批评), referral (移送纪检监察), or no accountability (不予问责). */
export const ACCOUNTABILITY_OUTCOMES = ['talk', 'public-criticism', 'referral', 'dismissed'] as const;
export type AccountabilityOutcome = (typeof ACCOUNTABILITY_OUTCOMES)[number];

export interface AccountabilitySubject {
  /** unit, township, division, or role (a post title, never a person). */
  kind: AccountabilitySubjectKind;
  /** Unit id, township or division code, or post title (e.g. 院长). */
  id: string;
  /** Division the subject belongs to. */
  divisionCode: string;
}

export interface AccountabilityCaseOpened {
  /** Id of the accountability case. */
  accountabilityCaseId: string;
  /** What the subject is held to account for. */
  trigger: AccountabilityTrigger;
  /** Who is held to account. */
  subject: AccountabilitySubject;
  /** ce_ids of the events that make up the evidence chain, oldest first. */
  evidenceEventIds: string[];
  /** The supervision case whose escalation opened it; null when opened by hand. */
  sourceCaseId: string | null;
  /** Division of the case; jurisdictions at and above it see it. */
  divisionCode: string;
  openedAt: string;
}

export interface AccountabilityOutcomeDecided {
  /** Id of the accountability case. */
  accountabilityCaseId: string;
  /** What the subject is held to account for. */
  trigger: AccountabilityTrigger;
  /** Who was held to account. */
  subject: AccountabilitySubject;
  /** The decision; dismissed means no accountability (不予问责). */
  outcome: AccountabilityOutcome;
  /** Division of the case. */
  divisionCode: string;
  decidedAt: string;
}

const subjectSchema = {
  type: 'object',
  required: ['kind', 'id', 'divisionCode'],
  properties: {
    kind: { enum: [...ACCOUNTABILITY_SUBJECT_KINDS], description: 'unit, township, division, or role (a post title, never a person).' },
    id: { ...idSchema, description: 'Unit id, township or division code, or post title.' },
    divisionCode: divisionCodeSchema,
  },
  description: 'Who is held to account.',
} as const;

const common = {
  topic: AccountabilityTopic,
  source: SUPERVISION_SOURCE,
  keyDescription: 'accountabilityCaseId',
} as const;

export const AccountabilityCaseOpenedV1 = defineEvent<AccountabilityCaseOpened>({
  ...common,
  name: 'AccountabilityCaseOpened',
  type: 'cn.gov.civilaffairs.supervision.accountability-case-opened.v1',
  description:
    'An accountability case (问责) was opened against a unit, township or post, by hand or when a supervision case reached its rule level.',
  required: ['accountabilityCaseId', 'trigger', 'subject', 'evidenceEventIds', 'sourceCaseId', 'divisionCode', 'openedAt'],
  properties: {
    accountabilityCaseId: { ...idSchema, description: 'Id of the accountability case.' },
    trigger: { enum: [...ACCOUNTABILITY_TRIGGERS], description: 'What the subject is held to account for.' },
    subject: subjectSchema,
    evidenceEventIds: { type: 'array', items: idSchema, description: 'ce_ids of the events in the evidence chain, oldest first.' },
    sourceCaseId: {
      anyOf: [idSchema, { type: 'null' }],
      description: 'Supervision case whose escalation opened it; null when opened by hand.',
    },
    divisionCode: divisionCodeSchema,
    openedAt: instantSchema,
  },
  example: {
    accountabilityCaseId: '7a1b2c3d-4e5f-5a6b-8c7d-9e0f1a2b3c4d',
    trigger: 'late-reporting',
    subject: { kind: 'unit', id: 'u-330521-0002', divisionCode: '330521102' },
    evidenceEventIds: ['0e9d8c7b-6a5f-5e4d-8c3b-2a1f0e9d8c7b', '5d4c3b2a-1f0e-5d9c-8b7a-6f5e4d3c2b1a'],
    sourceCaseId: '6f1c2b8e-1d2a-5b3c-9d4e-5f6a7b8c9d0e',
    divisionCode: '330521102',
    openedAt: '2026-03-02T14:00:07.000Z',
  },
  keyOf: (p) => p.accountabilityCaseId,
  subjectOf: (p) => p.accountabilityCaseId,
  regionOf: (p) => p.divisionCode,
});

export const AccountabilityOutcomeDecidedV1 = defineEvent<AccountabilityOutcomeDecided>({
  ...common,
  name: 'AccountabilityOutcomeDecided',
  type: 'cn.gov.civilaffairs.supervision.accountability-outcome-decided.v1',
  description: 'A discipline officer decided an accountability case: talk, public criticism, referral, or no accountability.',
  required: ['accountabilityCaseId', 'trigger', 'subject', 'outcome', 'divisionCode', 'decidedAt'],
  properties: {
    accountabilityCaseId: { ...idSchema, description: 'Id of the accountability case.' },
    trigger: { enum: [...ACCOUNTABILITY_TRIGGERS], description: 'What the subject is held to account for.' },
    subject: subjectSchema,
    outcome: { enum: [...ACCOUNTABILITY_OUTCOMES], description: 'The decision; dismissed means no accountability.' },
    divisionCode: divisionCodeSchema,
    decidedAt: instantSchema,
  },
  example: {
    accountabilityCaseId: '7a1b2c3d-4e5f-5a6b-8c7d-9e0f1a2b3c4d',
    trigger: 'late-reporting',
    subject: { kind: 'unit', id: 'u-330521-0002', divisionCode: '330521102' },
    outcome: 'talk',
    divisionCode: '330521102',
    decidedAt: '2026-03-05T02:00:00.000Z',
  },
  keyOf: (p) => p.accountabilityCaseId,
  subjectOf: (p) => p.accountabilityCaseId,
  regionOf: (p) => p.divisionCode,
});
