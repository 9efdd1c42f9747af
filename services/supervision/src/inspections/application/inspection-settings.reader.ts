import { Injectable } from '@nestjs/common';
import { RegionalSettingsService } from '@civil/platform';
import type { SettingKey } from '../../regional-settings/domain/settings';
import { TriggerSettings } from '../domain/data-triggers';
import { DeadlineDays } from '../domain/severity-grid';

/** The regional values inspections read, gathered per division and day. */
@Injectable()
export class InspectionSettingsReader {
  constructor(private readonly settings: RegionalSettingsService<SettingKey>) {}

  async deadlines(divisionCode: string, day: string): Promise<DeadlineDays> {
    const s = await this.settings.current();
    return {
      minimal: s.valueFor('inspection-rectify-days-a-c', divisionCode, day),
      potential: s.valueFor('inspection-rectify-days-d-f', divisionCode, day),
      actual: s.valueFor('inspection-rectify-days-g-i', divisionCode, day),
      jeopardy: s.valueFor('inspection-rectify-days-j-l', divisionCode, day),
    };
  }

  async triggers(divisionCode: string, day: string): Promise<TriggerSettings> {
    const s = await this.settings.current();
    return {
      symptomCases: s.valueFor('inspection-trigger-symptom-cases', divisionCode, day),
      missedReports: s.valueFor('inspection-trigger-missed-reports', divisionCode, day),
      missedWindowDays: s.valueFor('inspection-trigger-missed-window-days', divisionCode, day),
      withinDays: s.valueFor('inspection-trigger-within-days', divisionCode, day),
      mode: s.valueFor('inspection-trigger-mode', divisionCode, day),
    };
  }
}
