import { Injectable } from '@nestjs/common';
import { VACCINATION_GROUPS, VaccinationGroup } from '@civil/contracts';
import { Principal } from '@civil/platform';
import { UnitDirectory } from '../../registry/application/unit-directory';
import { checkCounts, GroupCounts } from '../domain/vaccination-coverage';
import { unitVaccinationView, UnitVaccinationView } from './coverage-view';
import { UnitCoverage } from './unit-coverage';

/**
 * Records both groups' eligible and vaccinated counts as the unit types them; where it keeps its
 * residents or staff on record, those records give the coverage instead (see coverage-sources.ts).
 */
@Injectable()
export class RecordCoverage {
  constructor(
    private readonly units: UnitDirectory,
    private readonly coverage: UnitCoverage,
  ) {}

  async execute(unitId: string, input: Record<VaccinationGroup, GroupCounts>, by: Principal): Promise<UnitVaccinationView> {
    VACCINATION_GROUPS.forEach((g) => checkCounts(g, input[g]));
    const unit = await this.units.unitFor(unitId, by);
    return unitVaccinationView(unit, await this.coverage.write(unit, by.sub, input));
  }
}
