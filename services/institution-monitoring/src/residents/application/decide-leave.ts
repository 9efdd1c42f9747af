import { Injectable } from '@nestjs/common';
import { Principal } from '@civil/platform';
import * as rules from '../domain/resident';
import { UnitResident, UnitResidents } from './unit-residents';

/** Approves or refuses a requested leave (by a township or county officer, never the unit itself). */
@Injectable()
export class DecideLeave {
  constructor(private readonly unitResidents: UnitResidents) {}

  async execute(
    unitId: string,
    residentId: string,
    leaveId: string,
    decision: { approve: boolean; note?: string },
    by: Principal,
  ): Promise<UnitResident> {
    return this.unitResidents.apply(unitId, residentId, by, (r, _u, now) =>
      rules.decideLeave(r, leaveId, decision.approve, decision.note, by.sub, now),
    );
  }
}
