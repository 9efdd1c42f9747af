import { Injectable } from '@nestjs/common';
import { DomainError } from '@civil/kernel';
import { assertFoundWithin, Principal } from '@civil/platform';
import { Institution } from '../domain/institution';
import { InstitutionRepository } from '../infrastructure/institution.repository';

/** Unknown, or outside the caller's reach: the same answer, so it tells nothing of a unit elsewhere. */
export const unitNotFound = (unitId: string) => DomainError.notFound('UnitNotFound', `no unit ${unitId} in the registry`, { unitId });

/**
 * How the other capabilities of this service find a unit: 404 when it does not exist and when the
 * caller may not reach it (unit staff: only their own unit; officers: inside their division).
 */
@Injectable()
export class UnitDirectory {
  constructor(private readonly institutions: InstitutionRepository) {}

  async unitFor(unitId: string, by: Principal): Promise<Institution> {
    const unit = await this.institutions.get(unitId);
    if (!unit) throw unitNotFound(unitId);
    assertFoundWithin(by, () => unitNotFound(unitId), unit.divisionCode, unit.unitId);
    return unit;
  }

  /** For event handlers and sweeps, which act for the system rather than a person. */
  async find(unitId: string): Promise<Institution | undefined> {
    return this.institutions.get(unitId);
  }

  /** Active units inside a division, optionally of some types. */
  async inRegion(divisionCode: string, unitTypes?: Parameters<InstitutionRepository['inRegion']>[1]): Promise<Institution[]> {
    return this.institutions.inRegion(divisionCode, unitTypes);
  }
}
