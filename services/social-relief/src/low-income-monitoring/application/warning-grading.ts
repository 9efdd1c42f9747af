import { Injectable } from '@nestjs/common';
import type { LowIncomeWarningLevel } from '@civil/contracts';
import { shanghaiDate } from '@civil/kernel';
import { RegionalSettingsService } from '@civil/platform';
import { SettingKey } from '../../regional-settings/domain/settings';
import type { GradingRules } from '../domain/low-income-warning';

const level = (v: number) => Math.min(3, Math.max(1, Math.round(v))) as LowIncomeWarningLevel;

/** The region's grading table on a day: the grade of each kind of warning and each grade's home-check limit. */
@Injectable()
export class WarningGrading {
  constructor(private readonly settings: RegionalSettingsService<SettingKey>) {}

  async rulesFor(divisionCode: string, at: Date): Promise<GradingRules> {
    const day = shanghaiDate(at);
    const v = (key: SettingKey) => this.settings.valueFor(key, divisionCode, day);
    const [medical, disability, unemployment, death, annual, l1, l2, l3] = await Promise.all([
      v('low-income-warning-level-medical-expense'),
      v('low-income-warning-level-disability'),
      v('low-income-warning-level-unemployment'),
      v('low-income-warning-level-death-in-household'),
      v('low-income-warning-level-annual-review'),
      v('low-income-check-limit-days-level-1'),
      v('low-income-check-limit-days-level-2'),
      v('low-income-check-limit-days-level-3'),
    ]);
    return {
      levelOf: {
        'medical-expense': level(medical),
        disability: level(disability),
        unemployment: level(unemployment),
        'death-in-household': level(death),
        'annual-review': level(annual),
      },
      limitDays: { 1: l1, 2: l2, 3: l3 },
    };
  }

  /** A campaign task: graded as an annual review, checked within the campaign's own limit. */
  async campaignRulesFor(divisionCode: string, at: Date): Promise<GradingRules> {
    const rules = await this.rulesFor(divisionCode, at);
    const days = await this.settings.valueFor('low-income-campaign-limit-days', divisionCode, shanghaiDate(at));
    return { ...rules, limitDays: { 1: days, 2: days, 3: days } };
  }

  /** A memo of campaignRulesFor for one pass over many divisions. */
  campaignMemo(at: Date): (divisionCode: string) => Promise<GradingRules> {
    const memo = new Map<string, Promise<GradingRules>>();
    return (code) => {
      if (!memo.has(code)) memo.set(code, this.campaignRulesFor(code, at));
      return memo.get(code)!;
    };
  }
}
