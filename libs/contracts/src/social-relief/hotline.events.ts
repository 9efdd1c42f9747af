import { defineEvent, divisionCodeSchema, idSchema, instantSchema, TopicContract } from '../event-contract';
import { SOCIAL_RELIEF_SOURCE } from './topics';

/**
 * Service hotlines (服务热线) social relief answers: the psychological-aid line (心理援助热线), the
 * 12349 elderly-care service line and the social-relief hotline (社会救助服务热线).
 */
export const HOTLINES = ['psychological-aid', 'elderly-care-12349', 'social-relief'] as const;
export type Hotline = (typeof HOTLINES)[number];

/** How soon the caller must be answered: a psychological crisis, urgent, or normal. */
export const CALL_URGENCIES = ['crisis', 'urgent', 'normal'] as const;
export type CallUrgency = (typeof CALL_URGENCIES)[number];

/** What the caller needs. */
export const NEED_CATEGORIES = [
  'basic-living',
  'medical',
  'psychological',
  'elderly-care',
  'child-care',
  'epidemic-prevention',
  'policy-inquiry',
  'other',
] as const;
export type NeedCategory = (typeof NEED_CATEGORIES)[number];

export const HotlineTopic: TopicContract = {
  name: 'social-relief.hotline.v1',
  partitions: 3,
  retentionMs: 90 * 24 * 60 * 60 * 1000,
  description: 'Hotline calls left unanswered past their service level and the answer or closure that ends it, keyed by call reference.',
};

/** A hotline call appears only by its reference: never the caller's name, phone or what they said. */
interface CallRef {
  /** Opaque reference of the call. */
  callRef: string;
  line: Hotline;
  /** The division operating the line. */
  lineDivisionCode: string;
  /** The caller's division (within the line's). */
  callerDivisionCode: string;
  category: NeedCategory;
  urgency: CallUrgency;
}

export interface HotlineCallOverdue extends CallRef {
  receivedAt: string;
  /** The service level that applied, in minutes. */
  serviceLevelMinutes: number;
  /** When the answer was due. */
  dueAt: string;
  detectedAt: string;
}

export interface HotlineCallOverdueCleared extends CallRef {
  /** Answered late, or closed without an answer (unreachable, duplicate, withdrawn). */
  outcome: 'answered' | 'closed';
  clearedAt: string;
}

const refProperties = {
  callRef: { ...idSchema, description: 'Opaque reference of the call.' },
  line: { enum: [...HOTLINES], description: 'The hotline.' },
  lineDivisionCode: { ...divisionCodeSchema, description: 'The division operating the line.' },
  callerDivisionCode: { ...divisionCodeSchema, description: "The caller's division." },
  category: { enum: [...NEED_CATEGORIES], description: 'Category of need.' },
  urgency: { enum: [...CALL_URGENCIES], description: 'Urgency.' },
};
const refRequired = ['callRef', 'line', 'lineDivisionCode', 'callerDivisionCode', 'category', 'urgency'];
const refExample = {
  callRef: 'call-330521-5b1d2c7e',
  line: 'social-relief' as const,
  lineDivisionCode: '330521',
  callerDivisionCode: '330521101',
  category: 'basic-living' as const,
  urgency: 'urgent' as const,
};

export const HotlineCallOverdueV1 = defineEvent<HotlineCallOverdue>({
  name: 'HotlineCallOverdue',
  type: 'cn.gov.civilaffairs.social-relief.hotline-call-overdue.v1',
  topic: HotlineTopic,
  source: SOCIAL_RELIEF_SOURCE,
  description: 'A hotline call was not answered (回应) within its line’s service level for its urgency. Once per call.',
  keyDescription: 'callRef',
  required: [...refRequired, 'receivedAt', 'serviceLevelMinutes', 'dueAt', 'detectedAt'],
  properties: {
    ...refProperties,
    receivedAt: { ...instantSchema, description: 'When the call was received.' },
    serviceLevelMinutes: { type: 'integer', minimum: 1, description: 'Service level that applied (minutes).' },
    dueAt: { ...instantSchema, description: 'When the answer was due.' },
    detectedAt: instantSchema,
  },
  example: {
    ...refExample,
    receivedAt: '2026-03-02T02:00:00.000Z',
    serviceLevelMinutes: 120,
    dueAt: '2026-03-02T04:00:00.000Z',
    detectedAt: '2026-03-02T04:00:05.000Z',
  },
  keyOf: (p) => p.callRef,
  subjectOf: (p) => p.callRef,
  regionOf: (p) => p.lineDivisionCode,
});

export const HotlineCallOverdueClearedV1 = defineEvent<HotlineCallOverdueCleared>({
  name: 'HotlineCallOverdueCleared',
  type: 'cn.gov.civilaffairs.social-relief.hotline-call-overdue-cleared.v1',
  topic: HotlineTopic,
  source: SOCIAL_RELIEF_SOURCE,
  description: 'An overdue hotline call was answered or closed. Once per call, after its HotlineCallOverdue.',
  keyDescription: 'callRef',
  required: [...refRequired, 'outcome', 'clearedAt'],
  properties: {
    ...refProperties,
    outcome: { enum: ['answered', 'closed'], description: 'Answered late, or closed without an answer.' },
    clearedAt: { ...instantSchema, description: 'When it was answered or closed.' },
  },
  example: { ...refExample, outcome: 'answered', clearedAt: '2026-03-02T05:10:00.000Z' },
  keyOf: (p) => p.callRef,
  subjectOf: (p) => p.callRef,
  regionOf: (p) => p.lineDivisionCode,
});
