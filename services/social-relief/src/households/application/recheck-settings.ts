import { Injectable } from '@nestjs/common';
import { shanghaiDate } from '@civil/kernel';
import { RegionalSettingsService } from '@civil/platform';
import { AreaRiskLevels } from '../../area-risk/application/area-risk-levels';
import type { SettingKey } from '../../regional-settings/domain/settings';
import { RecheckClass, RecheckSettings } from '../domain/recheck';

/** The re-check settings of an area on a day, and whether the area is at medium/high risk now. */
export interface AreaRecheck {
  settings: RecheckSettings;
  elevated: boolean;
}

/** The region's re-check cadence, grace and risk-area extension (settings with history; the narrowest division wins). */
@Injectable()
export class RecheckSettingsReader {
  constructor(
    private readonly settings: RegionalSettingsService<SettingKey>,
    private readonly risk: AreaRiskLevels,
  ) {}

  /** Cadence in months of each class, as the division's settings have it on a day. */
  async cadence(divisionCode: string, day: string): Promise<Record<RecheckClass, number>> {
    const [A, B, C] = await Promise.all([
      this.settings.valueFor('recheck-cadence-months-a', divisionCode, day),
      this.settings.valueFor('recheck-cadence-months-b', divisionCode, day),
      this.settings.valueFor('recheck-cadence-months-c', divisionCode, day),
    ]);
    return { A, B, C };
  }

  async forArea(divisionCode: string, at: Date): Promise<AreaRecheck> {
    const day = shanghaiDate(at);
    const [cadenceMonths, graceDays, extensionDaysAtRisk, elevated] = await Promise.all([
      this.cadence(divisionCode, day),
      this.settings.valueFor('recheck-grace-days', divisionCode, day),
      this.settings.valueFor('recheck-extension-days-at-risk', divisionCode, day),
      this.risk.isElevated(divisionCode, at),
    ]);
    return { settings: { cadenceMonths, graceDays, extensionDaysAtRisk }, elevated };
  }

  /** A memo of forArea for one pass over many households (a sweep). */
  areas(at: Date): (divisionCode: string) => Promise<AreaRecheck> {
    const areas = new Map<string, Promise<AreaRecheck>>();
    return (divisionCode) => {
      if (!areas.has(divisionCode)) areas.set(divisionCode, this.forArea(divisionCode, at));
      return areas.get(divisionCode)!;
    };
  }
}
