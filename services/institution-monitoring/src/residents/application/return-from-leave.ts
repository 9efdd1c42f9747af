import { Injectable } from '@nestjs/common';
import { Principal } from '@civil/platform';
import { assertAcceptsArrival } from '../../registry/domain/closed-management';
import * as rules from '../domain/resident';
import { UnitResident, UnitResidents } from './unit-residents';

/**
 * A resident comes back from leave. Not while the unit is closed: residents out on leave wait
 * outside until it reopens. A medical outing comes back even then, into 14 days of isolation like
 * any return.
 */
@Injectable()
export class ReturnFromLeave {
  constructor(private readonly unitResidents: UnitResidents) {}

  async execute(unitId: string, residentId: string, leaveId: string, by: Principal): Promise<UnitResident> {
    return this.unitResidents.apply(unitId, residentId, by, (r, unit, now) => {
      if (rules.purposeOf(rules.leaveOf(r, leaveId)) !== 'medical') assertAcceptsArrival(unit, 'return-from-leave');
      return rules.returnFromLeave(r, leaveId, now);
    });
  }
}
