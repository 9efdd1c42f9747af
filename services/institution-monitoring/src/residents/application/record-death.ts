import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DeathCause } from '@civil/contracts';
import { Principal } from '@civil/platform';
import * as rules from '../domain/resident';
import { UnitResident, UnitResidents } from './unit-residents';

/** A resident's death, with its cause and whether it was of an infectious disease. */
@Injectable()
export class RecordDeath {
  constructor(private readonly unitResidents: UnitResidents) {}

  async execute(
    unitId: string,
    residentId: string,
    input: { diedAt: string; cause: DeathCause; infectious: boolean; disease?: string | null },
    by: Principal,
  ): Promise<UnitResident> {
    const deathId = `d-${randomUUID()}`;
    return this.unitResidents.apply(unitId, residentId, by, (r, _u, now) =>
      rules.recordDeath(
        r,
        {
          deathId,
          diedAt: new Date(input.diedAt),
          cause: input.cause,
          infectious: input.infectious,
          disease: input.disease?.trim() || null,
          by: by.sub,
        },
        now,
      ),
    );
  }
}
