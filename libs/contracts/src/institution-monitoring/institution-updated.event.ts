import { dataSchemaUri, EventContract, instantSchema } from '../event-contract';
import { InstitutionTopic, INSTITUTION_MONITORING_SOURCE } from './topics';
import { Operator, OPERATORS } from './unit-types';
import { UnitRef, unitRefProperties, unitRefRequired } from './unit-ref';

/** Registry fields other services copy; people's names and phones stay in the registry. */
export const INSTITUTION_PUBLIC_FIELDS = [
  'name',
  'unitType',
  'operator',
  'divisionCode',
  'beds',
  'bedsInUse',
  'isolationRooms',
  'pairedMedicalInstitution',
] as const;

export interface InstitutionUpdated extends UnitRef {
  /** The unit's public name after the change. */
  name: string;
  /** public or social-capital after the change. */
  operator: Operator;
  /** Approved beds after the change. */
  beds: number;
  /** Beds occupied after the change. */
  bedsInUse: number;
  /** Rooms set aside for isolation. */
  isolationRooms: number;
  /** The paired (一对一结对) medical institution, an organisation; null if none yet. */
  pairedMedicalInstitution: string | null;
  /** Which registry fields this change touched (including non-public ones, named only). */
  changedFields: string[];
  /** Registry version after the change: consumers keep the highest they have seen. */
  registryVersion: number;
  /** When the change was made. */
  updatedAt: string;
}

const type = 'cn.gov.civilaffairs.institution.institution-updated.v1';

export const InstitutionUpdatedV1: EventContract<InstitutionUpdated> = {
  name: 'InstitutionUpdated',
  type,
  version: 1,
  topic: InstitutionTopic.name,
  source: INSTITUTION_MONITORING_SOURCE,
  description: 'A registry entry changed. Carries the public fields as they now stand, so a consumer’s copy is replaced, not patched.',
  keyDescription: 'unitId',
  schema: {
    $id: dataSchemaUri(type),
    type: 'object',
    required: [
      ...unitRefRequired,
      'name',
      'operator',
      'beds',
      'bedsInUse',
      'isolationRooms',
      'pairedMedicalInstitution',
      'changedFields',
      'registryVersion',
      'updatedAt',
    ],
    properties: {
      ...unitRefProperties,
      name: { type: 'string', minLength: 1, maxLength: 200, description: 'Public name after the change.' },
      operator: { enum: [...OPERATORS], description: 'public or social-capital after the change.' },
      beds: { type: 'integer', minimum: 0, description: 'Approved beds.' },
      bedsInUse: { type: 'integer', minimum: 0, description: 'Beds occupied.' },
      isolationRooms: { type: 'integer', minimum: 0, description: 'Rooms set aside for isolation.' },
      pairedMedicalInstitution: {
        anyOf: [{ type: 'string', maxLength: 200 }, { type: 'null' }],
        description: 'Paired medical institution (an organisation).',
      },
      changedFields: { type: 'array', items: { type: 'string' }, description: 'Registry fields the change touched.' },
      registryVersion: { type: 'integer', minimum: 1, description: 'Version after the change; keep the highest seen.' },
      updatedAt: { ...instantSchema, description: 'When the change was made.' },
    },
  },
  example: {
    unitId: 'u-330521-0001',
    unitType: 'elderly-care-home',
    divisionCode: '330521101',
    name: '德清县社会福利中心',
    operator: 'social-capital',
    beds: 320,
    bedsInUse: 262,
    isolationRooms: 8,
    pairedMedicalInstitution: '德清县人民医院',
    changedFields: ['bedsInUse', 'operator'],
    registryVersion: 3,
    updatedAt: '2026-03-05T02:00:00.000Z',
  },
  keyOf: (p) => p.unitId,
  subjectOf: (p) => p.unitId,
  regionOf: (p) => p.divisionCode,
};
