import { Injectable } from '@nestjs/common';
import type { SettingKey } from '../../regional-settings/domain/settings';
import { SUPPLY_FLOOR_DAYS, SUPPLY_ITEMS } from '@civil/contracts';
import { Clock, shanghaiDate } from '@civil/kernel';
import { InjectClock, Principal, RegionalSettingsService } from '@civil/platform';
import { UnitDirectory } from '../../registry/application/unit-directory';
import { SupplyStockRepository } from '../infrastructure/supply-stock.repository';
import { itemView, MAX_AGE_SETTING, UnitSuppliesView } from './supply-view';

/** Every item of one unit, with days of cover, open shortage episodes and staleness. */
@Injectable()
export class ReadUnitSupplies {
  constructor(
    private readonly repository: SupplyStockRepository,
    private readonly units: UnitDirectory,
    private readonly settings: RegionalSettingsService<SettingKey>,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async execute(unitId: string, by: Principal): Promise<UnitSuppliesView> {
    const unit = await this.units.unitFor(unitId, by);
    const now = this.clock.now();
    const maxAgeDays = await this.settings.valueFor(MAX_AGE_SETTING, unit.divisionCode, shanghaiDate(now));
    const supplies = (await this.repository.get(unitId))?.value;
    const items = SUPPLY_ITEMS.map((i) => itemView(i, supplies?.items[i], now, maxAgeDays));
    return {
      unitId: unit.unitId,
      unitType: unit.unitType,
      divisionCode: unit.divisionCode,
      floorDays: SUPPLY_FLOOR_DAYS,
      maxAgeDays,
      lastUpdatedAt: supplies?.lastUpdatedAt.toISOString() ?? null,
      shortItems: items.filter((i) => i.status === 'short').map((i) => i.item),
      staleItems: items.filter((i) => i.stale).map((i) => i.item),
      items,
    };
  }
}
