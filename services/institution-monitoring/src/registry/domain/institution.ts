import { DomainError, divisionAncestors, isDivisionCode } from '@civil/kernel';
import type { Operator, UnitType } from '@civil/contracts';

/** A supervised unit (养老机构, 救助管理站 …) as the registry keeps it. */
export interface Institution {
  unitId: string;
  name: string;
  unitType: UnitType;
  operator: Operator;
  divisionCode: string;
  /** Every enclosing division code, for jurisdiction-scoped queries. */
  divisionAncestors: string[];
  beds: number;
  bedsInUse: number;
  registeredAt: Date;
  active: boolean;
}

export interface RegisterInstitution {
  unitId: string;
  name: string;
  unitType: UnitType;
  operator: Operator;
  divisionCode: string;
  beds: number;
  bedsInUse: number;
}

export function registerInstitution(input: RegisterInstitution, now: Date): Institution {
  if (!isDivisionCode(input.divisionCode)) {
    throw DomainError.invalid('InvalidDivisionCode', `divisionCode ${input.divisionCode} is not a 2/4/6/9/12-digit division code`);
  }
  if (input.divisionCode.length < 6) {
    throw DomainError.invalid('DivisionTooCoarse', 'a unit sits in a county, township or village: divisionCode needs at least 6 digits');
  }
  if (input.bedsInUse > input.beds) {
    throw DomainError.invalid('BedsInUseExceedBeds', `bedsInUse (${input.bedsInUse}) cannot exceed beds (${input.beds})`, { field: 'bedsInUse' });
  }
  return { ...input, divisionAncestors: divisionAncestors(input.divisionCode), registeredAt: now, active: true };
}
