import { Injectable } from '@nestjs/common';
import { RegionalSettingsService } from '@civil/platform';
import { FuneralHome } from '../../homes/domain/funeral-home';
import { SettingKey } from '../../regional-settings/domain/settings';
import { checkDeadline } from '../domain/maintenance';

/** By when a home's daily checks are due: the regional `maintenance-check-by-hour`. */
@Injectable()
export class CheckDeadlines {
  constructor(private readonly settings: RegionalSettingsService<SettingKey>) {}

  /** The regional `maintenance-check-by-hour` for the home's division on the day. */
  byHour(home: FuneralHome, day: string): Promise<number> {
    return this.settings.valueFor('maintenance-check-by-hour', home.divisionCode, day);
  }

  async deadlineFor(home: FuneralHome, day: string): Promise<Date> {
    return checkDeadline(day, await this.byHour(home, day));
  }
}
