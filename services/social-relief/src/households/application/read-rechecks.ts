import { Injectable } from '@nestjs/common';
import { addDays, Clock } from '@civil/kernel';
import { InjectClock, Principal } from '@civil/platform';
import { effectiveDueOn } from '../domain/recheck';
import { HouseholdChanges } from './household-changes';
import { recheckView } from './household-view';
import { RecheckSettingsReader } from './recheck-settings';

/**
 * A household's re-check schedule as it applies now: the due day, moved on by the region's
 * extension while the area is at medium/high risk, the last day of grace, and the records.
 */
@Injectable()
export class ReadRechecks {
  constructor(
    private readonly changes: HouseholdChanges,
    private readonly settings: RecheckSettingsReader,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async execute(householdId: string, by: Principal) {
    const h = await this.changes.mustGet(householdId, by);
    const area = await this.settings.forArea(h.divisionCode, this.clock.now());
    const schedule = recheckView(h.recheck);
    const effective = h.recheck ? effectiveDueOn(h.recheck, area.settings, area.elevated) : null;
    return {
      householdId: h.householdId,
      divisionCode: h.divisionCode,
      status: h.status,
      schedule,
      areaElevated: area.elevated,
      effectiveDueOn: effective,
      graceEndsOn: effective ? addDays(effective, area.settings.graceDays) : null,
      extendedDays: area.elevated && effective ? area.settings.extensionDaysAtRisk : 0,
    };
  }
}
