import { Injectable } from '@nestjs/common';
import type { SettingKey } from '../../regional-settings/domain/settings';
import { Clock, shanghaiDate } from '@civil/kernel';
import { InjectClock, Principal, RegionalSettingsService } from '@civil/platform';
import { UnitDirectory } from '../../registry/application/unit-directory';
import { recordStockCount } from '../domain/supply-stock';
import { UnitSupplyStock } from './unit-supply-stock';
import { checkItem, ItemView } from './supply-view';

/** A stock count: stock on hand and daily use of one item (use beyond the region's tolerance is reported as unaccounted). */
@Injectable()
export class RecordStockCount {
  constructor(
    private readonly units: UnitDirectory,
    private readonly stock: UnitSupplyStock,
    private readonly settings: RegionalSettingsService<SettingKey>,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async execute(unitId: string, item: string, input: { stock: number; dailyUse: number }, by: Principal): Promise<ItemView> {
    const checked = checkItem(item);
    const unit = await this.units.unitFor(unitId, by);
    const tolerance = await this.settings.valueFor('supply-unaccounted-tolerance-days', unit.divisionCode, shanghaiDate(this.clock.now()));
    return this.stock.change(unit, checked, (current, now) =>
      recordStockCount(current, input, { unitId, item: checked, now, by: by.sub }, tolerance),
    );
  }
}
