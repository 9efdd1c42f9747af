import { Injectable } from '@nestjs/common';
import { shanghaiDate } from '@civil/kernel';
import { RegionalSettingsService } from '@civil/platform';
import type { SettingKey } from '../../regional-settings/domain/settings';
import { StepLimits } from '../domain/step-deadlines';

/** The step limits a region sets, as they are on the day a step is entered. */
@Injectable()
export class RegionalStepLimits {
  constructor(private readonly settings: RegionalSettingsService<SettingKey>) {}

  async on(divisionCode: string, at: Date): Promise<StepLimits> {
    const day = shanghaiDate(at);
    const [accept, review, decide, disburse, temporaryRelief] = await Promise.all(
      (['accept-limit-days', 'review-limit-days', 'decide-limit-days', 'disburse-limit-days', 'temporary-relief-limit-days'] as const).map(
        (k) => this.settings.valueFor(k, divisionCode, day),
      ),
    );
    return { accept, review, decide, disburse, temporaryRelief };
  }
}
