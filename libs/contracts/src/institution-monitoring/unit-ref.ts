import { divisionCodeSchema, idSchema } from '../event-contract';
import { UnitType, UNIT_TYPES } from './unit-types';

/** The unit an institution-monitoring event is about; every such event is keyed by unitId. */
export interface UnitRef {
  /** The unit. */
  unitId: string;
  /** Its kind. */
  unitType: UnitType;
  /** Division it sits in. */
  divisionCode: string;
}

export const unitRefProperties = {
  unitId: { ...idSchema, description: 'The unit.' },
  unitType: { enum: [...UNIT_TYPES], description: 'Kind of unit.' },
  divisionCode: divisionCodeSchema,
} as const;

export const unitRefRequired = ['unitId', 'unitType', 'divisionCode'];
