import type { SettingKey } from '../../regional-settings/domain/settings';
import { Injectable } from '@nestjs/common';
import { Clock, shanghaiDate } from '@civil/kernel';
import { InjectClock, Principal, RegionalSettingsService } from '@civil/platform';
import { UnitDirectory } from '../../registry/application/unit-directory';
import * as rules from '../domain/resident';
import { UnitResident, UnitResidents } from './unit-residents';

/** Recovery in the unit: only where the region's setting says the health authority allows it. */
@Injectable()
export class RecoverInPlace {
  constructor(
    private readonly units: UnitDirectory,
    private readonly unitResidents: UnitResidents,
    private readonly settings: RegionalSettingsService<SettingKey>,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async execute(
    unitId: string,
    residentId: string,
    symptomCaseId: string,
    input: { approvedBy: string; recoveredAt?: string },
    by: Principal,
  ): Promise<UnitResident> {
    const unit = await this.units.unitFor(unitId, by);
    const today = shanghaiDate(this.clock.now());
    const allowed = (await this.settings.valueFor('symptom-recovery-in-place-allowed', unit.divisionCode, today)) === 1;
    return this.unitResidents.apply(unitId, residentId, by, (r, _u, now) =>
      rules.recoverInPlace(
        r,
        symptomCaseId,
        { allowed, approvedBy: input.approvedBy.trim(), recoveredAt: input.recoveredAt ? new Date(input.recoveredAt) : now, by: by.sub },
        now,
      ),
    );
  }
}
