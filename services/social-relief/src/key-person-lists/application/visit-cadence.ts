import { Injectable } from '@nestjs/common';
import type { KeyPersonCategory } from '@civil/contracts';
import { shanghaiDate } from '@civil/kernel';
import { RegionalSettingsService } from '@civil/platform';
import { AreaRiskLevels } from '../../area-risk/application/area-risk-levels';
import { SettingKey } from '../../regional-settings/domain/settings';
import { cadenceDays, CadenceSettings } from '../domain/key-person-entry';

export interface AreaCadence {
  settings: CadenceSettings;
  /** The area is at medium or high risk: visits tightened. */
  elevated: boolean;
}

/** The visit cadence of an entry: regional settings per category, tightened in at-risk areas. */
@Injectable()
export class VisitCadence {
  constructor(
    private readonly settings: RegionalSettingsService<SettingKey>,
    private readonly risk: AreaRiskLevels,
  ) {}

  /** The settings and risk that apply to a division at a moment. */
  async forArea(divisionCode: string, at: Date): Promise<AreaCadence> {
    const day = shanghaiDate(at);
    const [child, elderly, other, atRisk, elevated] = await Promise.all([
      this.settings.valueFor('visit-cadence-days-child', divisionCode, day),
      this.settings.valueFor('visit-cadence-days-elderly', divisionCode, day),
      this.settings.valueFor('visit-cadence-days-other', divisionCode, day),
      this.settings.valueFor('visit-cadence-days-at-risk', divisionCode, day),
      this.risk.isElevated(divisionCode, at),
    ]);
    return { settings: { child, elderly, other, atRisk }, elevated };
  }

  /** A memo of forArea for one pass over many entries (a sweep). */
  areas(at: Date): (divisionCode: string) => Promise<AreaCadence> {
    const areas = new Map<string, Promise<AreaCadence>>();
    return (divisionCode) => {
      if (!areas.has(divisionCode)) areas.set(divisionCode, this.forArea(divisionCode, at));
      return areas.get(divisionCode)!;
    };
  }

  /** A memo of the cadence of entries for one pass over many (a sweep, a listing). */
  memo(at: Date): (divisionCode: string, categories: readonly KeyPersonCategory[]) => Promise<{ days: number; elevated: boolean }> {
    const areaOf = this.areas(at);
    return async (divisionCode, categories) => {
      const area = await areaOf(divisionCode);
      return { days: cadenceDays(categories, area.settings, area.elevated), elevated: area.elevated };
    };
  }
}
