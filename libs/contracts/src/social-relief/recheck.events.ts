import { defineEvent, divisionCodeSchema, idSchema, instantSchema, localDateSchema } from '../event-contract';
import { HouseholdTopic, SOCIAL_RELIEF_SOURCE } from './topics';
import { HOUSEHOLD_CATEGORIES, HouseholdCategory } from './vocabulary';

/** Re-check classes (分类管理): A income stable (yearly by default), B may change (half-yearly), C unstable (quarterly). */
export const RECHECK_CLASS_VALUES = ['A', 'B', 'C'] as const;
/** What a re-check (定期核查) found. */
export const RECHECK_OUTCOME_VALUES = ['unchanged', 'changed', 'no-longer-eligible'] as const;

export interface RecheckMissed {
  householdId: string;
  divisionCode: string;
  /** The register the household is on. */
  category: HouseholdCategory;
  recheckClass: (typeof RECHECK_CLASS_VALUES)[number];
  /** The day the re-check was due (one signal per household and due day). */
  dueOn: string;
  /** Grace days the region allows after the due day. */
  graceDays: number;
  /** Days the due day was moved on because the area is at medium/high risk (0 otherwise). */
  extendedDays: number;
  detectedAt: string;
}

export interface RecheckRecorded {
  householdId: string;
  divisionCode: string;
  category: HouseholdCategory;
  recheckId: string;
  outcome: (typeof RECHECK_OUTCOME_VALUES)[number];
  /** The class the household is re-checked by from now. */
  recheckClass: (typeof RECHECK_CLASS_VALUES)[number];
  checkedOn: string;
  /** The due day this re-check answered. */
  dueOn: string | null;
  /** The due day it answered when that one had been signalled missed (RecheckMissed), else null. */
  missedDueOn: string | null;
  /** The next re-check's due day; null when the household is leaving its register. */
  nextDueOn: string | null;
  recordedAt: string;
}

const householdId = { ...idSchema, description: 'The household.' };
const categorySchema = { enum: [...HOUSEHOLD_CATEGORIES], description: 'The register the household is on.' };
const classSchema = {
  enum: [...RECHECK_CLASS_VALUES],
  description: 'Re-check class: A yearly, B half-yearly, C quarterly by default (regional).',
};

export const RecheckMissedV1 = defineEvent<RecheckMissed>({
  name: 'RecheckMissed',
  type: 'cn.gov.civilaffairs.social-relief.recheck-missed.v1',
  topic: HouseholdTopic,
  source: SOCIAL_RELIEF_SOURCE,
  description:
    'An enrolled household’s periodic re-check (定期核查) was not recorded by its due day plus the grace days (extended in a medium/high-risk area). Once per household and due day.',
  keyDescription: 'householdId',
  required: ['householdId', 'divisionCode', 'category', 'recheckClass', 'dueOn', 'graceDays', 'extendedDays', 'detectedAt'],
  properties: {
    householdId,
    divisionCode: divisionCodeSchema,
    category: categorySchema,
    recheckClass: classSchema,
    dueOn: { ...localDateSchema, description: 'The day the re-check was due (Beijing).' },
    graceDays: { type: 'integer', minimum: 0, description: 'Grace days after the due day.' },
    extendedDays: { type: 'integer', minimum: 0, description: 'Extension for a medium/high-risk area (0 otherwise).' },
    detectedAt: instantSchema,
  },
  example: {
    householdId: 'hh-330521101-0042',
    divisionCode: '330521101',
    category: 'dibao',
    recheckClass: 'B',
    dueOn: '2026-09-02',
    graceDays: 15,
    extendedDays: 0,
    detectedAt: '2026-09-18T01:00:00.000Z',
  },
  keyOf: (p) => p.householdId,
  subjectOf: (p) => p.householdId,
  regionOf: (p) => p.divisionCode,
});

export const RecheckRecordedV1 = defineEvent<RecheckRecorded>({
  name: 'RecheckRecorded',
  type: 'cn.gov.civilaffairs.social-relief.recheck-recorded.v1',
  topic: HouseholdTopic,
  source: SOCIAL_RELIEF_SOURCE,
  description:
    'The township recorded a periodic re-check (定期核查) of an enrolled household: unchanged, changed (assessed again) or no longer eligible (leaves its register). Ends a missed re-check.',
  keyDescription: 'householdId',
  required: [
    'householdId',
    'divisionCode',
    'category',
    'recheckId',
    'outcome',
    'recheckClass',
    'checkedOn',
    'dueOn',
    'missedDueOn',
    'nextDueOn',
    'recordedAt',
  ],
  properties: {
    householdId,
    divisionCode: divisionCodeSchema,
    category: categorySchema,
    recheckId: { ...idSchema, description: 'The re-check.' },
    outcome: { enum: [...RECHECK_OUTCOME_VALUES], description: 'What the re-check found.' },
    recheckClass: classSchema,
    checkedOn: { ...localDateSchema, description: 'The day of the re-check (Beijing).' },
    dueOn: { anyOf: [localDateSchema, { type: 'null' }], description: 'The due day it answered.' },
    missedDueOn: { anyOf: [localDateSchema, { type: 'null' }], description: 'The due day it answered if that was signalled missed.' },
    nextDueOn: { anyOf: [localDateSchema, { type: 'null' }], description: 'The next due day; null when leaving the register.' },
    recordedAt: instantSchema,
  },
  example: {
    householdId: 'hh-330521101-0042',
    divisionCode: '330521101',
    category: 'dibao',
    recheckId: 'rk-5b1c2d',
    outcome: 'unchanged',
    recheckClass: 'B',
    checkedOn: '2026-09-20',
    dueOn: '2026-09-02',
    missedDueOn: '2026-09-02',
    nextDueOn: '2027-03-20',
    recordedAt: '2026-09-20T02:00:00.000Z',
  },
  keyOf: (p) => p.householdId,
  subjectOf: (p) => p.householdId,
  regionOf: (p) => p.divisionCode,
});
