import { Injectable } from '@nestjs/common';
import { shanghaiDate } from '@civil/kernel';
import { RegionalSettingsService } from '@civil/platform';
import { SettingKey } from '../../regional-settings/domain/settings';
import { CallUrgency, Hotline, serviceLevelKey } from '../domain/hotline-call';

/** The service level of a line for an urgency, as the line's region set it on the day of receipt. */
@Injectable()
export class ServiceLevels {
  constructor(private readonly settings: RegionalSettingsService<SettingKey>) {}

  minutes(line: Hotline, urgency: CallUrgency, lineDivisionCode: string, receivedAt: Date): Promise<number> {
    return this.settings.valueFor(serviceLevelKey(line, urgency), lineDivisionCode, shanghaiDate(receivedAt));
  }
}
