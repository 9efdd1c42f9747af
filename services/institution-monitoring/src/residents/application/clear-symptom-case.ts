import { Injectable } from '@nestjs/common';
import { Principal } from '@civil/platform';
import * as rules from '../domain/resident';
import { UnitResident, UnitResidents } from './unit-residents';

/** The open symptom case turned out not to be one (排除). */
@Injectable()
export class ClearSymptomCase {
  constructor(private readonly unitResidents: UnitResidents) {}

  async execute(unitId: string, residentId: string, symptomCaseId: string, by: Principal): Promise<UnitResident> {
    return this.unitResidents.apply(unitId, residentId, by, (r, _u, now) => rules.clearSymptomCase(r, symptomCaseId, now, by.sub));
  }
}
