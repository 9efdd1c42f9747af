import { dataSchemaUri, divisionCodeSchema, EventContract, idSchema, instantSchema } from '../event-contract';
import { InstitutionTopic, INSTITUTION_MONITORING_SOURCE } from './topics';
import { Operator, OPERATORS, UnitType, UNIT_TYPES } from './unit-types';

export interface InstitutionRegistered {
  /** Id of the unit, stable for its life. */
  unitId: string;
  /** The unit's public name (an organisation, not a person). */
  name: string;
  /** Kind of unit. */
  unitType: UnitType;
  /** public or social-capital; the bed subsidy goes to social-capital elderly homes. */
  operator: Operator;
  /** Division the unit sits in (usually a township code). */
  divisionCode: string;
  /** Approved beds. */
  beds: number;
  /** Beds occupied at registration. */
  bedsInUse: number;
  /** When the registration took effect. */
  registeredAt: string;
}

const type = 'cn.gov.civilaffairs.institution.institution-registered.v1';

export const InstitutionRegisteredV1: EventContract<InstitutionRegistered> = {
  name: 'InstitutionRegistered',
  type,
  version: 1,
  topic: InstitutionTopic.name,
  source: INSTITUTION_MONITORING_SOURCE,
  description: 'A unit was added to the registry. Other services keep their own copy from this event.',
  keyDescription: 'unitId',
  schema: {
    $id: dataSchemaUri(type),
    type: 'object',
    required: ['unitId', 'name', 'unitType', 'operator', 'divisionCode', 'beds', 'bedsInUse', 'registeredAt'],
    properties: {
      unitId: { ...idSchema, description: 'Id of the unit, stable for its life.' },
      name: { type: 'string', minLength: 1, maxLength: 200, description: 'Public name of the unit.' },
      unitType: { enum: [...UNIT_TYPES], description: 'Kind of unit.' },
      operator: { enum: [...OPERATORS], description: 'public or social-capital.' },
      divisionCode: divisionCodeSchema,
      beds: { type: 'integer', minimum: 0, description: 'Approved beds.' },
      bedsInUse: { type: 'integer', minimum: 0, description: 'Beds occupied at registration.' },
      registeredAt: { ...instantSchema, description: 'When the registration took effect.' },
    },
  },
  example: {
    unitId: 'u-330521-0001',
    name: '德清县社会福利中心',
    unitType: 'elderly-care-home',
    operator: 'public',
    divisionCode: '330521101',
    beds: 320,
    bedsInUse: 251,
    registeredAt: '2026-03-01T01:00:00.000Z',
  },
  keyOf: (p) => p.unitId,
  subjectOf: (p) => p.unitId,
  regionOf: (p) => p.divisionCode,
};
