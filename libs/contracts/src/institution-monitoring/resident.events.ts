import { dataSchemaUri, EventContract, idSchema, instantSchema } from '../event-contract';
import { ResidentTopic, INSTITUTION_MONITORING_SOURCE } from './topics';
import { UnitRef, unitRefProperties, unitRefRequired } from './unit-ref';

/**
 * Residents appear in events only by `residentRef`, an opaque id the service assigns; names and
 * ID numbers never leave institution monitoring.
 */
export const SYMPTOMS = [
  'fever',
  'cough',
  'sore-throat',
  'fatigue',
  'shortness-of-breath',
  'loss-of-taste-or-smell',
  'diarrhoea',
  'other',
] as const;
export type Symptom = (typeof SYMPTOMS)[number];

export const DEATH_CAUSES = ['natural', 'illness', 'infectious-disease', 'accident', 'other'] as const;
export type DeathCause = (typeof DEATH_CAUSES)[number];

export interface SymptomCaseReported extends UnitRef {
  /** Id of the symptom case (one per episode of a resident). */
  symptomCaseId: string;
  /** The resident, by opaque reference. */
  residentRef: string;
  /** What was observed. */
  symptoms: Symptom[];
  /** The abnormal reading in °C, if a reading started it; null for symptoms alone. */
  temperatureC: number | null;
  /** When it was detected. */
  detectedAt: string;
  /** The resident is isolated in the unit from this moment (the first step of the path). */
  isolatedAt: string;
  /** Always true: reported at once (第一时间), so supervision may skip levels (放宽上报程序). */
  urgent: boolean;
  /** Symptom cases opened in this unit since its last daily report, this one included. */
  casesSinceLastReport: number;
}

export interface ResidentTransferred extends UnitRef {
  /** The symptom case that led to the transfer. */
  symptomCaseId: string;
  residentRef: string;
  /** The designated hospital (定点医院), an organisation. */
  hospital: string;
  /** When the resident left for the hospital. */
  transferredAt: string;
  /** When the symptoms were detected (so a late transfer shows without the case's history); absent in events before it was added. */
  detectedAt?: string;
}

/**
 * How a symptom episode ended without a transfer (a transfer is `ResidentTransferred`):
 * cleared — not a case after all (排除, e.g. tested negative); recovered-in-place — recovered in
 * the unit where the health authority allowed care there; died — the resident died during it.
 */
export const SYMPTOM_CASE_OUTCOMES = ['cleared', 'recovered-in-place', 'died'] as const;
export type SymptomCaseOutcome = (typeof SYMPTOM_CASE_OUTCOMES)[number];

export interface SymptomCaseEnded extends UnitRef {
  /** The symptom case that ended. */
  symptomCaseId: string;
  residentRef: string;
  outcome: SymptomCaseOutcome;
  /** When the symptoms were detected (the episode's start). */
  detectedAt: string;
  /** When it ended. */
  endedAt: string;
}

export interface ResidentDied extends UnitRef {
  /** Id of the death record. */
  deathId: string;
  residentRef: string;
  /** When death occurred. */
  diedAt: string;
  /** Category of cause. */
  cause: DeathCause;
  /** Death from an infectious disease: funeral operations follow the infectious protocol. */
  infectious: boolean;
  /** The disease when infectious (e.g. COVID-19); null otherwise. */
  disease: string | null;
  /** Keyed hash of the resident's ID number (shared key), to match relief status; null if unknown. */
  personKey: string | null;
  /** When the unit recorded it. */
  recordedAt: string;
}

const symptomType = 'cn.gov.civilaffairs.institution.symptom-case-reported.v1';
const transferredType = 'cn.gov.civilaffairs.institution.resident-transferred.v1';
const diedType = 'cn.gov.civilaffairs.institution.resident-died.v1';
const endedType = 'cn.gov.civilaffairs.institution.symptom-case-ended.v1';

export const SymptomCaseReportedV1: EventContract<SymptomCaseReported> = {
  name: 'SymptomCaseReported',
  type: symptomType,
  version: 1,
  topic: ResidentTopic.name,
  source: INSTITUTION_MONITORING_SOURCE,
  description: 'A resident showed an abnormal temperature or symptom, was isolated in the unit and is reported at once. Urgent.',
  keyDescription: 'unitId',
  schema: {
    $id: dataSchemaUri(symptomType),
    type: 'object',
    required: [
      ...unitRefRequired,
      'symptomCaseId',
      'residentRef',
      'symptoms',
      'temperatureC',
      'detectedAt',
      'isolatedAt',
      'urgent',
      'casesSinceLastReport',
    ],
    properties: {
      ...unitRefProperties,
      symptomCaseId: { ...idSchema, description: 'Id of the symptom case.' },
      residentRef: { ...idSchema, description: 'Opaque reference to the resident.' },
      symptoms: { type: 'array', items: { enum: [...SYMPTOMS] }, description: 'What was observed.' },
      temperatureC: {
        anyOf: [{ type: 'number', minimum: 30, maximum: 45 }, { type: 'null' }],
        description: 'The abnormal reading (°C), if any.',
      },
      detectedAt: { ...instantSchema, description: 'When it was detected.' },
      isolatedAt: { ...instantSchema, description: 'When the resident was isolated in the unit.' },
      urgent: { type: 'boolean', description: 'Reported at once; levels may be skipped.' },
      casesSinceLastReport: {
        type: 'integer',
        minimum: 1,
        description: 'Symptom cases in the unit since its last daily report, this one included.',
      },
    },
  },
  example: {
    unitId: 'u-330521-0001',
    unitType: 'elderly-care-home',
    divisionCode: '330521101',
    symptomCaseId: 'sc-2f9c1a',
    residentRef: 'r-8d41e7',
    symptoms: ['fever', 'cough'],
    temperatureC: 38.2,
    detectedAt: '2026-03-04T00:40:00.000Z',
    isolatedAt: '2026-03-04T00:40:00.000Z',
    urgent: true,
    casesSinceLastReport: 1,
  },
  keyOf: (p) => p.unitId,
  subjectOf: (p) => p.symptomCaseId,
  regionOf: (p) => p.divisionCode,
};

export const ResidentTransferredV1: EventContract<ResidentTransferred> = {
  name: 'ResidentTransferred',
  type: transferredType,
  version: 1,
  topic: ResidentTopic.name,
  source: INSTITUTION_MONITORING_SOURCE,
  description: 'A resident on the symptom path was transferred to a designated hospital.',
  keyDescription: 'unitId',
  schema: {
    $id: dataSchemaUri(transferredType),
    type: 'object',
    required: [...unitRefRequired, 'symptomCaseId', 'residentRef', 'hospital', 'transferredAt'],
    properties: {
      ...unitRefProperties,
      symptomCaseId: { ...idSchema, description: 'The symptom case that led to the transfer.' },
      residentRef: { ...idSchema, description: 'Opaque reference to the resident.' },
      hospital: { type: 'string', minLength: 1, maxLength: 200, description: 'The designated hospital.' },
      transferredAt: { ...instantSchema, description: 'When the resident left for the hospital.' },
      detectedAt: { ...instantSchema, description: 'When the symptoms were detected (absent in events before it was added).' },
    },
  },
  example: {
    unitId: 'u-330521-0001',
    unitType: 'elderly-care-home',
    divisionCode: '330521101',
    symptomCaseId: 'sc-2f9c1a',
    residentRef: 'r-8d41e7',
    hospital: '德清县人民医院（定点医院）',
    transferredAt: '2026-03-04T02:10:00.000Z',
    detectedAt: '2026-03-04T00:40:00.000Z',
  },
  keyOf: (p) => p.unitId,
  subjectOf: (p) => p.symptomCaseId,
  regionOf: (p) => p.divisionCode,
};

export const SymptomCaseEndedV1: EventContract<SymptomCaseEnded> = {
  name: 'SymptomCaseEnded',
  type: endedType,
  version: 1,
  topic: ResidentTopic.name,
  source: INSTITUTION_MONITORING_SOURCE,
  description:
    'A symptom episode ended without a transfer: cleared (排除), recovered in the unit where the health authority allowed it, or the resident died. Supervision closes its symptom case with the outcome.',
  keyDescription: 'unitId',
  schema: {
    $id: dataSchemaUri(endedType),
    type: 'object',
    required: [...unitRefRequired, 'symptomCaseId', 'residentRef', 'outcome', 'detectedAt', 'endedAt'],
    properties: {
      ...unitRefProperties,
      symptomCaseId: { ...idSchema, description: 'The symptom case that ended.' },
      residentRef: { ...idSchema, description: 'Opaque reference to the resident.' },
      outcome: { enum: [...SYMPTOM_CASE_OUTCOMES], description: 'How it ended: cleared, recovered-in-place or died.' },
      detectedAt: { ...instantSchema, description: 'When the symptoms were detected.' },
      endedAt: { ...instantSchema, description: 'When the episode ended.' },
    },
  },
  example: {
    unitId: 'u-330521-0001',
    unitType: 'elderly-care-home',
    divisionCode: '330521101',
    symptomCaseId: 'sc-2f9c1a',
    residentRef: 'r-8d41e7',
    outcome: 'cleared',
    detectedAt: '2026-03-04T00:40:00.000Z',
    endedAt: '2026-03-04T09:15:00.000Z',
  },
  keyOf: (p) => p.unitId,
  subjectOf: (p) => p.symptomCaseId,
  regionOf: (p) => p.divisionCode,
};

export const ResidentDiedV1: EventContract<ResidentDied> = {
  name: 'ResidentDied',
  type: diedType,
  version: 1,
  topic: ResidentTopic.name,
  source: INSTITUTION_MONITORING_SOURCE,
  description: 'A resident died; funeral operations opens an intake from it (infectious deaths follow the protocol).',
  keyDescription: 'unitId',
  schema: {
    $id: dataSchemaUri(diedType),
    type: 'object',
    required: [...unitRefRequired, 'deathId', 'residentRef', 'diedAt', 'cause', 'infectious', 'disease', 'personKey', 'recordedAt'],
    properties: {
      ...unitRefProperties,
      deathId: { ...idSchema, description: 'Id of the death record.' },
      residentRef: { ...idSchema, description: 'Opaque reference to the resident.' },
      diedAt: { ...instantSchema, description: 'When death occurred.' },
      cause: { enum: [...DEATH_CAUSES], description: 'Category of cause.' },
      infectious: { type: 'boolean', description: 'Death from an infectious disease.' },
      disease: { anyOf: [{ type: 'string', maxLength: 100 }, { type: 'null' }], description: 'The disease when infectious.' },
      personKey: {
        anyOf: [{ type: 'string', pattern: '^[0-9a-f]{64}$' }, { type: 'null' }],
        description: 'Keyed hash (HMAC-SHA256) of the ID number, for matching relief status.',
      },
      recordedAt: { ...instantSchema, description: 'When the unit recorded it.' },
    },
  },
  example: {
    unitId: 'u-330521-0001',
    unitType: 'elderly-care-home',
    divisionCode: '330521101',
    deathId: 'd-61b0c2',
    residentRef: 'r-8d41e7',
    diedAt: '2026-03-06T13:20:00.000Z',
    cause: 'infectious-disease',
    infectious: true,
    disease: 'COVID-19',
    personKey: '9f2c4b1e0d3a5f6e7c8b9a0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f',
    recordedAt: '2026-03-06T13:35:00.000Z',
  },
  keyOf: (p) => p.unitId,
  subjectOf: (p) => p.deathId,
  regionOf: (p) => p.divisionCode,
};
