import { Injectable } from '@nestjs/common';
import { DomainError, divisionAncestors, isDivisionCode } from '@civil/kernel';
import { assertCovers, Principal } from '@civil/platform';
import { UnitDirectory } from '../../registry/application/unit-directory';
import { Institution } from '../../registry/domain/institution';
import { officeRollId, RollOwner, unitRollId } from '../domain/staff-roll';

/** Whose roll a request is about: a unit's, or a department's of a division's civil-affairs office. */
export type RollTarget = { unitId: string } | { divisionCode: string; department: string };

export interface ResolvedRoll {
  rollId: string;
  owner: RollOwner;
  division: { divisionCode: string; divisionAncestors: string[] };
  /** The unit, for a unit's roll (its coverage follows the roll). */
  unit: Institution | null;
}

const DEPARTMENT = /^[a-z0-9][a-z0-9-]{0,39}$/;

/**
 * Finds the roll a caller may reach: a unit's as the unit's own staff or an officer above it (404
 * otherwise, as for an unknown unit); an office department's for officers whose jurisdiction covers
 * the division (403 outside it).
 */
@Injectable()
export class StaffRollTarget {
  constructor(private readonly units: UnitDirectory) {}

  async resolve(target: RollTarget, by: Principal): Promise<ResolvedRoll> {
    if ('unitId' in target) {
      const unit = await this.units.unitFor(target.unitId, by);
      return {
        rollId: unitRollId(unit.unitId),
        owner: { kind: 'unit', unitId: unit.unitId, unitType: unit.unitType },
        division: { divisionCode: unit.divisionCode, divisionAncestors: unit.divisionAncestors },
        unit,
      };
    }
    if (!isDivisionCode(target.divisionCode))
      throw DomainError.invalid('InvalidDivisionCode', `divisionCode ${target.divisionCode} is not a division code`, {
        field: 'divisionCode',
      });
    if (!DEPARTMENT.test(target.department)) {
      throw DomainError.invalid(
        'InvalidDepartment',
        'department must be a code of 1–40 lower-case letters, digits and hyphens (e.g. social-assistance)',
        { field: 'department' },
      );
    }
    assertCovers(by, target.divisionCode);
    return {
      rollId: officeRollId(target.divisionCode, target.department),
      owner: { kind: 'office', department: target.department },
      division: { divisionCode: target.divisionCode, divisionAncestors: divisionAncestors(target.divisionCode) },
      unit: null,
    };
  }
}
