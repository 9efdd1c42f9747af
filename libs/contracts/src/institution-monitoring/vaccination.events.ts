import { dataSchemaUri, defineEvent, divisionCodeSchema, EventContract, idSchema, instantSchema, localDateSchema } from '../event-contract';
import { VaccinationTopic, INSTITUTION_MONITORING_SOURCE } from './topics';
import { UnitRef, unitRefProperties, unitRefRequired } from './unit-ref';
import { UnitType, UNIT_TYPES } from './unit-types';

/** The coverage floor (底线) from the source documents: 91.2% of the eligible. */
export const VACCINATION_FLOOR = 0.912;

/** Whose coverage: residents, staff, or both together. */
export const VACCINATION_GROUPS = ['residents', 'staff'] as const;
export type VaccinationGroup = (typeof VACCINATION_GROUPS)[number];

export interface VaccinationCoverageBelowFloor extends UnitRef {
  /** Id of the below-floor episode (one per unit, group and episode). */
  episodeId: string;
  group: VaccinationGroup;
  /** People eligible for vaccination (aged 12+, no contraindication). */
  eligible: number;
  /** Of those, vaccinated. */
  vaccinated: number;
  /** vaccinated / eligible, 0–1, four decimals. */
  coverage: number;
  /** The floor (0.912). */
  floor: number;
  /** Eligible people still unvaccinated (清零 progress: this must reach 0). */
  unvaccinatedEligible: number;
  detectedAt: string;
}

export interface VaccinationCoverageRestored extends UnitRef {
  episodeId: string;
  group: VaccinationGroup;
  coverage: number;
  floor: number;
  restoredAt: string;
}

const belowType = 'cn.gov.civilaffairs.institution.vaccination-coverage-below-floor.v1';
const restoredType = 'cn.gov.civilaffairs.institution.vaccination-coverage-restored.v1';
const groupSchema = { enum: [...VACCINATION_GROUPS], description: 'Residents or staff.' };
const coverageSchema = { type: 'number', minimum: 0, maximum: 1, description: 'vaccinated / eligible (0–1).' };

export const VaccinationCoverageBelowFloorV1: EventContract<VaccinationCoverageBelowFloor> = {
  name: 'VaccinationCoverageBelowFloor',
  type: belowType,
  version: 1,
  topic: VaccinationTopic.name,
  source: INSTITUTION_MONITORING_SOURCE,
  description: 'A unit’s vaccination coverage of residents or staff fell below the 91.2% floor. Once per episode.',
  keyDescription: 'unitId',
  schema: {
    $id: dataSchemaUri(belowType),
    type: 'object',
    required: [
      ...unitRefRequired,
      'episodeId',
      'group',
      'eligible',
      'vaccinated',
      'coverage',
      'floor',
      'unvaccinatedEligible',
      'detectedAt',
    ],
    properties: {
      ...unitRefProperties,
      episodeId: { ...idSchema, description: 'Id of the below-floor episode.' },
      group: groupSchema,
      eligible: { type: 'integer', minimum: 0, description: 'People eligible.' },
      vaccinated: { type: 'integer', minimum: 0, description: 'Eligible people vaccinated.' },
      coverage: coverageSchema,
      floor: { type: 'number', minimum: 0, maximum: 1, description: 'The floor.' },
      unvaccinatedEligible: { type: 'integer', minimum: 0, description: 'Eligible people not yet vaccinated (清零 progress).' },
      detectedAt: instantSchema,
    },
  },
  example: {
    unitId: 'u-330521-0001',
    unitType: 'elderly-care-home',
    divisionCode: '330521101',
    episodeId: 'u-330521-0001:residents:1',
    group: 'residents',
    eligible: 240,
    vaccinated: 212,
    coverage: 0.8833,
    floor: 0.912,
    unvaccinatedEligible: 28,
    detectedAt: '2026-03-04T03:00:00.000Z',
  },
  keyOf: (p) => p.unitId,
  subjectOf: (p) => p.episodeId,
  regionOf: (p) => p.divisionCode,
};

export const VaccinationCoverageRestoredV1: EventContract<VaccinationCoverageRestored> = {
  name: 'VaccinationCoverageRestored',
  type: restoredType,
  version: 1,
  topic: VaccinationTopic.name,
  source: INSTITUTION_MONITORING_SOURCE,
  description: 'Coverage was back at or above the 91.2% floor, ending the episode.',
  keyDescription: 'unitId',
  schema: {
    $id: dataSchemaUri(restoredType),
    type: 'object',
    required: [...unitRefRequired, 'episodeId', 'group', 'coverage', 'floor', 'restoredAt'],
    properties: {
      ...unitRefProperties,
      episodeId: { ...idSchema, description: 'The episode this ends.' },
      group: groupSchema,
      coverage: coverageSchema,
      floor: { type: 'number', minimum: 0, maximum: 1, description: 'The floor.' },
      restoredAt: instantSchema,
    },
  },
  example: {
    unitId: 'u-330521-0001',
    unitType: 'elderly-care-home',
    divisionCode: '330521101',
    episodeId: 'u-330521-0001:residents:1',
    group: 'residents',
    coverage: 0.925,
    floor: 0.912,
    restoredAt: '2026-03-09T03:00:00.000Z',
  },
  keyOf: (p) => p.unitId,
  subjectOf: (p) => p.episodeId,
  regionOf: (p) => p.divisionCode,
};

/**
 * 清零 not reached (seed 004: "除有禁忌症外实行应种人员接种清零…确保按时完成既定目标"): a staff roll
 * still had eligible members unvaccinated when the region's due date was over. Counts only, no names.
 */
export interface StaffVaccinationNotCleared {
  /** The roll: `unit:<unitId>` or `office:<divisionCode>:<department>`. */
  rollId: string;
  /** The unit whose roll it is; null for a department of a civil-affairs office. */
  unitId: string | null;
  /** Kind of that unit; null for an office's department. */
  unitType: UnitType | null;
  /** The office's department (its code); null for a unit's roll. */
  department: string | null;
  /** Division of the unit or office. */
  divisionCode: string;
  /** Members on the roll. */
  members: number;
  /** Members eligible (no contraindication). */
  eligible: number;
  /** Eligible members still unvaccinated: what had to reach zero. */
  unvaccinatedEligible: number;
  /** The region's due date that passed (YYYY-MM-DD, Asia/Shanghai). */
  dueDate: string;
  /** When the sweep found it. */
  detectedAt: string;
}

export const StaffVaccinationNotClearedV1 = defineEvent<StaffVaccinationNotCleared>({
  name: 'StaffVaccinationNotCleared',
  type: 'cn.gov.civilaffairs.institution.staff-vaccination-not-cleared.v1',
  topic: VaccinationTopic,
  source: INSTITUTION_MONITORING_SOURCE,
  description:
    'A staff roll (登记造册) of a unit or of a civil-affairs office department still had eligible members unvaccinated after the region’s due date for 清零. Once per roll and due date.',
  keyDescription: 'rollId',
  required: [
    'rollId',
    'unitId',
    'unitType',
    'department',
    'divisionCode',
    'members',
    'eligible',
    'unvaccinatedEligible',
    'dueDate',
    'detectedAt',
  ],
  properties: {
    rollId: { ...idSchema, description: 'The roll: unit:<unitId> or office:<divisionCode>:<department>.' },
    unitId: { anyOf: [idSchema, { type: 'null' }], description: 'The unit whose roll it is; null for an office department.' },
    unitType: { anyOf: [{ enum: [...UNIT_TYPES] }, { type: 'null' }], description: 'Kind of unit; null for an office department.' },
    department: { anyOf: [idSchema, { type: 'null' }], description: 'The office department; null for a unit.' },
    divisionCode: divisionCodeSchema,
    members: { type: 'integer', minimum: 0, description: 'Members on the roll.' },
    eligible: { type: 'integer', minimum: 0, description: 'Members eligible (no contraindication).' },
    unvaccinatedEligible: { type: 'integer', minimum: 1, description: 'Eligible members still unvaccinated.' },
    dueDate: { ...localDateSchema, description: 'The due date that passed (Asia/Shanghai).' },
    detectedAt: instantSchema,
  },
  example: {
    rollId: 'unit:u-330521-0001',
    unitId: 'u-330521-0001',
    unitType: 'elderly-care-home',
    department: null,
    divisionCode: '330521101',
    members: 24,
    eligible: 23,
    unvaccinatedEligible: 2,
    dueDate: '2026-03-31',
    detectedAt: '2026-04-01T01:00:00.000Z',
  },
  keyOf: (p) => p.rollId,
  subjectOf: (p) => `${p.rollId}@${p.dueDate}`,
  regionOf: (p) => p.divisionCode,
});

/** A staff roll signalled as not cleared reached zero (清零): every eligible member vaccinated. */
export interface StaffVaccinationCleared {
  /** The roll: `unit:<unitId>` or `office:<divisionCode>:<department>`. */
  rollId: string;
  /** The unit whose roll it is; null for a department of a civil-affairs office. */
  unitId: string | null;
  /** Division of the unit or office. */
  divisionCode: string;
  /** Members eligible, now all vaccinated. */
  eligible: number;
  /** The last due date the roll was signalled for (YYYY-MM-DD). */
  dueDate: string;
  /** When the last eligible member's vaccination was recorded. */
  clearedAt: string;
}

export const StaffVaccinationClearedV1 = defineEvent<StaffVaccinationCleared>({
  name: 'StaffVaccinationCleared',
  type: 'cn.gov.civilaffairs.institution.staff-vaccination-cleared.v1',
  topic: VaccinationTopic,
  source: INSTITUTION_MONITORING_SOURCE,
  description:
    'A staff roll signalled as not cleared reached zero unvaccinated eligible members (清零). Once per roll and last signalled due date.',
  keyDescription: 'rollId',
  required: ['rollId', 'unitId', 'divisionCode', 'eligible', 'dueDate', 'clearedAt'],
  properties: {
    rollId: { ...idSchema, description: 'The roll: unit:<unitId> or office:<divisionCode>:<department>.' },
    unitId: { anyOf: [idSchema, { type: 'null' }], description: 'The unit whose roll it is; null for an office department.' },
    divisionCode: divisionCodeSchema,
    eligible: { type: 'integer', minimum: 0, description: 'Members eligible, now all vaccinated.' },
    dueDate: { ...localDateSchema, description: 'The last due date the roll was signalled for.' },
    clearedAt: instantSchema,
  },
  example: {
    rollId: 'unit:u-330521-0001',
    unitId: 'u-330521-0001',
    divisionCode: '330521101',
    eligible: 23,
    dueDate: '2026-03-31',
    clearedAt: '2026-04-03T06:00:00.000Z',
  },
  keyOf: (p) => p.rollId,
  subjectOf: (p) => `${p.rollId}@${p.dueDate}`,
  regionOf: (p) => p.divisionCode,
});
