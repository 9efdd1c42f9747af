import { Injectable } from '@nestjs/common';
import { Principal } from '@civil/platform';
import { UnitDirectory } from '../../registry/application/unit-directory';
import { UnitVaccinationView } from './coverage-view';
import { UnitCoverage } from './unit-coverage';

/** A unit's vaccination coverage of residents and staff, with where the figures come from. */
@Injectable()
export class ReadUnitCoverage {
  constructor(
    private readonly units: UnitDirectory,
    private readonly coverage: UnitCoverage,
  ) {}

  async execute(unitId: string, by: Principal): Promise<UnitVaccinationView> {
    return this.coverage.view(await this.units.unitFor(unitId, by));
  }
}
