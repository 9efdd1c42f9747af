import { defineEvent, divisionCodeSchema, fenSchema, idSchema, instantSchema } from '../event-contract';
import { ApplicationTopic, SOCIAL_RELIEF_SOURCE } from './topics';
import {
  APPLICATION_KINDS,
  APPLICATION_STATUSES,
  APPLICATION_STEPS,
  ApplicationKind,
  ApplicationStatus,
  ApplicationStep,
} from './vocabulary';

/** Fields every application event carries; applicants appear only by opaque references. */
export interface ApplicationRef {
  applicationId: string;
  kind: ApplicationKind;
  /** Where the applicant lives; the approving office is the county (or a township it delegated to). */
  divisionCode: string;
  /** The household applying, by opaque reference; null for a person-only temporary relief. */
  householdRef: string | null;
  /** The applicant, by opaque reference. */
  applicantRef: string;
  /** 先行救助: granted and paid first, reviewed after. */
  priorRelief: boolean;
  /** 一事一议: decided case by case for a major hardship, with a recorded rationale. */
  caseByCase: boolean;
  /** Simplified review because the area's risk level is medium or high. */
  simplifiedReview: boolean;
}

export interface ApplicationTransition extends ApplicationRef {
  /** Status before this transition (null for the submission). */
  from: ApplicationStatus | null;
  /** Status after it. */
  to: ApplicationStatus;
  /** When it happened. */
  at: string;
  /** The next step and when it is due; null when the application is finished. */
  nextStep: ApplicationStep | null;
  nextDueAt: string | null;
}

export type ApplicationSubmitted = ApplicationTransition;
export type ApplicationAccepted = ApplicationTransition;
export type ApplicationReviewed = ApplicationTransition & {
  /** The reviewer's finding. */
  outcome: 'eligible' | 'ineligible';
};
export type ApplicationDecided = ApplicationTransition & {
  decision: 'approved' | 'rejected';
  /** The level that decided: the county, or a township it delegated approval to. */
  decidedAtLevel: 'county' | 'township';
  /** Monthly or one-off amount granted (fen); 0 when rejected. */
  amountFen: number;
  /** 先行救助 already paid but the review rejected it: to be followed up. */
  priorReliefRejected: boolean;
};
export type ApplicationDisbursed = ApplicationTransition & {
  amountFen: number;
};

export const WITHDRAWAL_REASONS = ['applicant-request', 'moved-away', 'deceased', 'other'] as const;
export type ApplicationWithdrawalReason = (typeof WITHDRAWAL_REASONS)[number];

export type ApplicationWithdrawn = ApplicationTransition & {
  /** Why it was withdrawn. */
  reason: ApplicationWithdrawalReason;
  /** 先行救助 had been paid: a follow-up (recovery or write-off) is open. */
  priorReliefToFollowUp: boolean;
};

export interface ApplicationOverdue extends ApplicationRef {
  /** The step not done in time (应救未救 risk). */
  step: ApplicationStep;
  status: ApplicationStatus;
  dueAt: string;
  detectedAt: string;
}

const refProperties = {
  applicationId: { ...idSchema, description: 'The application.' },
  kind: { enum: [...APPLICATION_KINDS], description: 'What is applied for.' },
  divisionCode: divisionCodeSchema,
  householdRef: { anyOf: [idSchema, { type: 'null' }], description: 'The household, by opaque reference.' },
  applicantRef: { ...idSchema, description: 'The applicant, by opaque reference.' },
  priorRelief: { type: 'boolean', description: '先行救助: granted and paid first, reviewed after.' },
  caseByCase: { type: 'boolean', description: '一事一议 decision.' },
  simplifiedReview: { type: 'boolean', description: 'Simplified review in a medium/high-risk area.' },
};
const refRequired = [
  'applicationId',
  'kind',
  'divisionCode',
  'householdRef',
  'applicantRef',
  'priorRelief',
  'caseByCase',
  'simplifiedReview',
];
const statusSchema = { enum: [...APPLICATION_STATUSES] };
const transitionProperties = {
  ...refProperties,
  from: { anyOf: [statusSchema, { type: 'null' }], description: 'Status before.' },
  to: { ...statusSchema, description: 'Status after.' },
  at: instantSchema,
  nextStep: { anyOf: [{ enum: [...APPLICATION_STEPS] }, { type: 'null' }], description: 'The next step, if any.' },
  nextDueAt: { anyOf: [instantSchema, { type: 'null' }], description: 'When the next step is due.' },
};
const transitionRequired = [...refRequired, 'from', 'to', 'at', 'nextStep', 'nextDueAt'];

const base = {
  applicationId: 'app-330521-000731',
  kind: 'dibao' as const,
  divisionCode: '330521101',
  householdRef: 'hh-330521101-0042',
  applicantRef: 'p-9c2e41',
  priorRelief: false,
  caseByCase: false,
  simplifiedReview: false,
};

function transitionEvent<T extends ApplicationTransition>(
  name: string,
  slug: string,
  description: string,
  extra: { required: string[]; properties: Record<string, unknown> },
  example: T,
) {
  return defineEvent<T>({
    name,
    type: `cn.gov.civilaffairs.social-relief.${slug}.v1`,
    topic: ApplicationTopic,
    source: SOCIAL_RELIEF_SOURCE,
    description,
    keyDescription: 'applicationId',
    required: [...transitionRequired, ...extra.required],
    properties: { ...transitionProperties, ...extra.properties },
    example,
    keyOf: (p) => p.applicationId,
    subjectOf: (p) => p.applicationId,
    regionOf: (p) => p.divisionCode,
  });
}

const none = { required: [], properties: {} };

export const ApplicationSubmittedV1 = transitionEvent<ApplicationSubmitted>(
  'ApplicationSubmitted',
  'application-submitted',
  'An application for relief was made (申请).',
  none,
  {
    ...base,
    from: null,
    to: 'submitted',
    at: '2026-03-02T01:00:00.000Z',
    nextStep: 'accept',
    nextDueAt: '2026-03-05T01:00:00.000Z',
  },
);

export const ApplicationAcceptedV1 = transitionEvent<ApplicationAccepted>(
  'ApplicationAccepted',
  'application-accepted',
  'The township accepted the application for handling (受理).',
  none,
  {
    ...base,
    from: 'submitted',
    to: 'accepted',
    at: '2026-03-03T01:00:00.000Z',
    nextStep: 'review',
    nextDueAt: '2026-03-13T01:00:00.000Z',
  },
);

export const ApplicationReviewedV1 = transitionEvent<ApplicationReviewed>(
  'ApplicationReviewed',
  'application-reviewed',
  'The application was reviewed (审核: household check, income verification).',
  { required: ['outcome'], properties: { outcome: { enum: ['eligible', 'ineligible'], description: 'The reviewer’s finding.' } } },
  {
    ...base,
    from: 'accepted',
    to: 'reviewed',
    at: '2026-03-06T01:00:00.000Z',
    nextStep: 'decide',
    nextDueAt: '2026-03-11T01:00:00.000Z',
    outcome: 'eligible',
  },
);

export const ApplicationDecidedV1 = transitionEvent<ApplicationDecided>(
  'ApplicationDecided',
  'application-decided',
  'The application was decided (认定): approved or rejected, by the county or the township it delegated to. Decided by someone other than who entered it.',
  {
    required: ['decision', 'decidedAtLevel', 'amountFen', 'priorReliefRejected'],
    properties: {
      decision: { enum: ['approved', 'rejected'] },
      decidedAtLevel: { enum: ['county', 'township'], description: 'Who decided.' },
      amountFen: { ...fenSchema, description: 'Amount granted (fen); 0 when rejected.' },
      priorReliefRejected: { type: 'boolean', description: '先行救助 paid, then rejected on review.' },
    },
  },
  {
    ...base,
    from: 'reviewed',
    to: 'approved',
    at: '2026-03-07T01:00:00.000Z',
    nextStep: 'disburse',
    nextDueAt: '2026-03-17T01:00:00.000Z',
    decision: 'approved',
    decidedAtLevel: 'county',
    amountFen: 132000,
    priorReliefRejected: false,
  },
);

export const ApplicationDisbursedV1 = transitionEvent<ApplicationDisbursed>(
  'ApplicationDisbursed',
  'application-disbursed',
  'The granted relief was paid out (发放).',
  { required: ['amountFen'], properties: { amountFen: { ...fenSchema, description: 'Amount paid (fen).' } } },
  { ...base, from: 'approved', to: 'disbursed', at: '2026-03-10T01:00:00.000Z', nextStep: null, nextDueAt: null, amountFen: 132000 },
);

export const ApplicationWithdrawnV1 = transitionEvent<ApplicationWithdrawn>(
  'ApplicationWithdrawn',
  'application-withdrawn',
  'The application was withdrawn before its decision; its steps stop running.',
  {
    required: ['reason', 'priorReliefToFollowUp'],
    properties: {
      reason: { enum: [...WITHDRAWAL_REASONS], description: 'Why it was withdrawn.' },
      priorReliefToFollowUp: { type: 'boolean', description: '先行救助 had been paid: to be recovered or written off.' },
    },
  },
  {
    ...base,
    from: 'accepted',
    to: 'withdrawn',
    at: '2026-03-04T01:00:00.000Z',
    nextStep: null,
    nextDueAt: null,
    reason: 'applicant-request',
    priorReliefToFollowUp: false,
  },
);

export const ApplicationOverdueV1 = defineEvent<ApplicationOverdue>({
  name: 'ApplicationOverdue',
  type: 'cn.gov.civilaffairs.social-relief.application-overdue.v1',
  topic: ApplicationTopic,
  source: SOCIAL_RELIEF_SOURCE,
  description: 'An application passed the time limit of its current step (应救未救 risk). Once per application and step.',
  keyDescription: 'applicationId',
  required: [...refRequired, 'step', 'status', 'dueAt', 'detectedAt'],
  properties: {
    ...refProperties,
    step: { enum: [...APPLICATION_STEPS], description: 'The step not done in time.' },
    status: { ...statusSchema, description: 'Status it is stuck in.' },
    dueAt: instantSchema,
    detectedAt: instantSchema,
  },
  example: { ...base, step: 'review', status: 'accepted', dueAt: '2026-03-13T01:00:00.000Z', detectedAt: '2026-03-13T01:00:10.000Z' },
  keyOf: (p) => p.applicationId,
  subjectOf: (p) => p.applicationId,
  regionOf: (p) => p.divisionCode,
});
