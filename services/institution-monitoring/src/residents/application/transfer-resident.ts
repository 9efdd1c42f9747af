import { Injectable } from '@nestjs/common';
import { Principal } from '@civil/platform';
import * as rules from '../domain/resident';
import { UnitResident, UnitResidents } from './unit-residents';

/** A resident transferred to a hospital. */
@Injectable()
export class TransferResident {
  constructor(private readonly unitResidents: UnitResidents) {}

  async execute(
    unitId: string,
    residentId: string,
    input: { hospital: string; transferredAt?: string },
    by: Principal,
  ): Promise<UnitResident> {
    return this.unitResidents.apply(unitId, residentId, by, (r, _u, now) =>
      rules.transfer(r, input.hospital.trim(), input.transferredAt ? new Date(input.transferredAt) : now, by.sub, now),
    );
  }
}
