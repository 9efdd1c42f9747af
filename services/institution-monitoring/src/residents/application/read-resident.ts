import { Injectable } from '@nestjs/common';
import { Principal } from '@civil/platform';
import { UnitDirectory } from '../../registry/application/unit-directory';
import * as rules from '../domain/resident';
import { UnitResident, UnitResidents } from './unit-residents';

/** One resident of the unit as of now (404 for another unit's). */
@Injectable()
export class ReadResident {
  constructor(
    private readonly units: UnitDirectory,
    private readonly unitResidents: UnitResidents,
  ) {}

  async execute(unitId: string, residentId: string, by: Principal): Promise<UnitResident> {
    const unit = await this.units.unitFor(unitId, by);
    const current = await this.unitResidents.load(unitId, residentId);
    return { unit, resident: rules.settle(current.value, this.unitResidents.now()) };
  }
}
