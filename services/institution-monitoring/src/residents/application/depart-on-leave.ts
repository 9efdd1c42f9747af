import { Injectable } from '@nestjs/common';
import { Principal } from '@civil/platform';
import { assertAllowsDeparture } from '../../registry/domain/closed-management';
import * as rules from '../domain/resident';
import { UnitResident, UnitResidents } from './unit-residents';

/** A resident leaves on an approved leave: not while the unit is closed (不离院外出), except on an approved medical outing. */
@Injectable()
export class DepartOnLeave {
  constructor(private readonly unitResidents: UnitResidents) {}

  async execute(unitId: string, residentId: string, leaveId: string, by: Principal): Promise<UnitResident> {
    return this.unitResidents.apply(unitId, residentId, by, (r, unit, now) => {
      assertAllowsDeparture(unit, rules.purposeOf(rules.leaveOf(r, leaveId)));
      return rules.depart(r, leaveId, now);
    });
  }
}
