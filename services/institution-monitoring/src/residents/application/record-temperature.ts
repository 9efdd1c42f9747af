import { randomUUID } from 'node:crypto';
import type { SettingKey } from '../../regional-settings/domain/settings';
import { Injectable } from '@nestjs/common';
import { Symptom } from '@civil/contracts';
import { Clock, shanghaiDate } from '@civil/kernel';
import { InjectClock, Principal, RegionalSettingsService } from '@civil/platform';
import { UnitDirectory } from '../../registry/application/unit-directory';
import { toTenths } from '../domain/isolation';
import * as rules from '../domain/resident';
import { UnitResident, UnitResidents } from './unit-residents';

/**
 * Records a temperature reading (with any symptoms): a fever over the region's threshold on the
 * day it was taken, or a symptom, opens a symptom case.
 */
@Injectable()
export class RecordTemperature {
  constructor(
    private readonly units: UnitDirectory,
    private readonly unitResidents: UnitResidents,
    private readonly settings: RegionalSettingsService<SettingKey>,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async execute(
    unitId: string,
    residentId: string,
    input: { temperatureC: number; symptoms?: Symptom[]; takenAt?: string },
    by: Principal,
  ): Promise<UnitResident> {
    const unit = await this.units.unitFor(unitId, by);
    const now = this.clock.now();
    const takenAt = input.takenAt ? new Date(input.takenAt) : now;
    const threshold = await this.settings.valueFor('fever-threshold-tenths-c', unit.divisionCode, shanghaiDate(takenAt));
    const caseId = `sc-${randomUUID()}`;
    return this.unitResidents.apply(
      unitId,
      residentId,
      by,
      (r, _u, at) =>
        rules.recordReading(
          r,
          { tenthsC: toTenths(input.temperatureC), symptoms: input.symptoms ?? [], takenAt },
          threshold,
          caseId,
          by.sub,
          at,
        ),
      true,
    );
  }
}
