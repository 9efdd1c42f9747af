import { defineEvent, divisionCodeSchema, idSchema, instantSchema } from '../event-contract';
import { KeyPersonTopic, SOCIAL_RELIEF_SOURCE } from './topics';
import { CARE_CAUSES, CareCause } from './care-placement.events';
import { KEY_PERSON_CATEGORIES, KeyPersonCategory, RISK_FLAGS, RiskFlag } from './vocabulary';

/** A person on a township's key-person list appears only by opaque references. */
interface ListEntryRef {
  /** The list entry (one per person and township). */
  entryId: string;
  /** The person, by opaque reference (never a name or ID number). */
  personRef: string;
  /** The township (or finer division) whose list it is. */
  divisionCode: string;
  /** The person's categories on the list. */
  categories: KeyPersonCategory[];
}

export interface VisitOverdue extends ListEntryRef {
  /** Id of the overdue episode (entry and due date): one signal per episode. */
  episodeId: string;
  /** Visit cadence in days that applied. */
  cadenceDays: number;
  /** The last visit, or null if never visited. */
  lastVisitAt: string | null;
  /** When the next visit was due. */
  dueAt: string;
  detectedAt: string;
}

export interface VisitOverdueEnded extends ListEntryRef {
  /** The overdue episode the visit ended (as in its VisitOverdue). */
  episodeId: string;
  /** When the visit was made. */
  visitedAt: string;
  /** When it was recorded. */
  recordedAt: string;
}

export interface RiskFlagRaised extends ListEntryRef {
  flag: RiskFlag;
  /** What the visiting cadre found (no personal data). */
  finding: string;
  raisedAt: string;
  /** Why a child is without care (监护人被隔离 / 住院), when given with a no-guardian flag: a care placement opens. Absent otherwise. */
  cause?: CareCause;
}

const refProperties = {
  entryId: { ...idSchema, description: 'The list entry.' },
  personRef: { ...idSchema, description: 'Opaque reference to the person.' },
  divisionCode: divisionCodeSchema,
  categories: { type: 'array', items: { enum: [...KEY_PERSON_CATEGORIES] }, description: 'Categories on the list.' },
};
const refRequired = ['entryId', 'personRef', 'divisionCode', 'categories'];

export const VisitOverdueV1 = defineEvent<VisitOverdue>({
  name: 'VisitOverdue',
  type: 'cn.gov.civilaffairs.social-relief.visit-overdue.v1',
  topic: KeyPersonTopic,
  source: SOCIAL_RELIEF_SOURCE,
  description: 'A person on a key-person list was not visited (探访关爱) within the cadence. Once per overdue episode.',
  keyDescription: 'entryId',
  required: [...refRequired, 'episodeId', 'cadenceDays', 'lastVisitAt', 'dueAt', 'detectedAt'],
  properties: {
    ...refProperties,
    episodeId: { ...idSchema, description: 'Entry and due date.' },
    cadenceDays: { type: 'integer', minimum: 1, description: 'Cadence that applied (days).' },
    lastVisitAt: { anyOf: [instantSchema, { type: 'null' }], description: 'Last visit, or null.' },
    dueAt: { ...instantSchema, description: 'When the next visit was due.' },
    detectedAt: instantSchema,
  },
  example: {
    entryId: 'kp-330521101-7f3a',
    personRef: 'p-9c2e41',
    divisionCode: '330521101',
    categories: ['empty-nest-elderly'],
    episodeId: 'kp-330521101-7f3a:2026-03-08',
    cadenceDays: 7,
    lastVisitAt: '2026-03-01T02:00:00.000Z',
    dueAt: '2026-03-08T02:00:00.000Z',
    detectedAt: '2026-03-08T02:00:05.000Z',
  },
  keyOf: (p) => p.entryId,
  subjectOf: (p) => p.entryId,
  regionOf: (p) => p.divisionCode,
});

export const VisitOverdueEndedV1 = defineEvent<VisitOverdueEnded>({
  name: 'VisitOverdueEnded',
  type: 'cn.gov.civilaffairs.social-relief.visit-overdue-ended.v1',
  topic: KeyPersonTopic,
  source: SOCIAL_RELIEF_SOURCE,
  description: 'A visit ended an overdue episode (the person was visited after the due time). Once per episode.',
  keyDescription: 'entryId',
  required: [...refRequired, 'episodeId', 'visitedAt', 'recordedAt'],
  properties: {
    ...refProperties,
    episodeId: { ...idSchema, description: 'The episode the visit ended.' },
    visitedAt: { ...instantSchema, description: 'When the visit was made.' },
    recordedAt: { ...instantSchema, description: 'When it was recorded.' },
  },
  example: {
    entryId: 'kp-330521101-7f3a',
    personRef: 'p-9c2e41',
    divisionCode: '330521101',
    categories: ['empty-nest-elderly'],
    episodeId: 'kp-330521101-7f3a:2026-03-08',
    visitedAt: '2026-03-09T01:30:00.000Z',
    recordedAt: '2026-03-09T02:00:00.000Z',
  },
  keyOf: (p) => p.entryId,
  subjectOf: (p) => p.entryId,
  regionOf: (p) => p.divisionCode,
});

export const RiskFlagRaisedV1 = defineEvent<RiskFlagRaised>({
  name: 'RiskFlagRaised',
  type: 'cn.gov.civilaffairs.social-relief.risk-flag-raised.v1',
  topic: KeyPersonTopic,
  source: SOCIAL_RELIEF_SOURCE,
  description: 'A risk flag (无人监护 / 监护不到位 / 基本生活困难 / 安全问题) was raised on a key person.',
  keyDescription: 'entryId',
  required: [...refRequired, 'flag', 'finding', 'raisedAt'],
  properties: {
    ...refProperties,
    flag: { enum: [...RISK_FLAGS], description: 'The flag raised.' },
    finding: { type: 'string', minLength: 1, maxLength: 500, description: 'What was found.' },
    raisedAt: instantSchema,
    cause: { enum: [...CARE_CAUSES], description: 'Why a child is without care, with a no-guardian flag (a care placement opens).' },
  },
  example: {
    entryId: 'kp-330521101-7f3a',
    personRef: 'p-9c2e41',
    divisionCode: '330521101',
    categories: ['de-facto-unsupported-child'],
    flag: 'no-guardian',
    finding: '监护人被隔离收治，儿童无人照料',
    raisedAt: '2026-03-04T03:00:00.000Z',
    cause: 'guardian-isolated',
  },
  keyOf: (p) => p.entryId,
  subjectOf: (p) => p.entryId,
  regionOf: (p) => p.divisionCode,
});
