import { Injectable } from '@nestjs/common';
import { Principal } from '@civil/platform';
import * as rules from '../domain/resident';
import { UnitResident, UnitResidents } from './unit-residents';

/** A resident leaves the unit for good. */
@Injectable()
export class DischargeResident {
  constructor(private readonly unitResidents: UnitResidents) {}

  async execute(unitId: string, residentId: string, by: Principal): Promise<UnitResident> {
    return this.unitResidents.apply(unitId, residentId, by, (r, _u, now) => rules.discharge(r, now));
  }
}
