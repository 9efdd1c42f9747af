import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Principal } from '@civil/platform';
import * as rules from '../domain/resident';
import { LeavePurpose } from '../domain/resident-status';
import { UnitResident, UnitResidents } from './unit-residents';

/** Asks for a resident's leave (外出), for a purpose and a span of days, to be decided by an officer. */
@Injectable()
export class RequestLeave {
  constructor(private readonly unitResidents: UnitResidents) {}

  async execute(
    unitId: string,
    residentId: string,
    input: { purpose?: LeavePurpose; reason: string; fromDate: string; untilDate: string },
    by: Principal,
  ): Promise<UnitResident> {
    return this.unitResidents.apply(unitId, residentId, by, (r, _u, now) =>
      rules.requestLeave(r, { leaveId: `l-${randomUUID()}`, ...input, by: by.sub }, now),
    );
  }
}
