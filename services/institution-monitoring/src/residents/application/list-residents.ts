import { Injectable } from '@nestjs/common';
import { Principal } from '@civil/platform';
import { UnitDirectory } from '../../registry/application/unit-directory';
import { Institution } from '../../registry/domain/institution';
import * as rules from '../domain/resident';
import { Resident } from '../domain/resident';
import { ResidentRepository } from '../infrastructure/resident.repository';
import { UnitResidents } from './unit-residents';

/** The residents of a unit as of now. */
@Injectable()
export class ListResidents {
  constructor(
    private readonly units: UnitDirectory,
    private readonly residents: ResidentRepository,
    private readonly unitResidents: UnitResidents,
  ) {}

  async execute(unitId: string, by: Principal): Promise<{ unit: Institution; residents: Resident[] }> {
    const unit = await this.units.unitFor(unitId, by);
    const now = this.unitResidents.now();
    return { unit, residents: (await this.residents.ofUnit(unitId)).map((r) => rules.settle(r, now)) };
  }
}
