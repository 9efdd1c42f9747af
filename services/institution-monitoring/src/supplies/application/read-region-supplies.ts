import { Injectable } from '@nestjs/common';
import type { SettingKey } from '../../regional-settings/domain/settings';
import { SUPPLY_FLOOR_DAYS, SUPPLY_ITEMS } from '@civil/contracts';
import { Clock, DomainError, isDivisionCode, shanghaiDate } from '@civil/kernel';
import { assertCovers, InjectClock, Principal, RegionalSettingsService } from '@civil/platform';
import { UnitDirectory } from '../../registry/application/unit-directory';
import { SupplyStockRepository } from '../infrastructure/supply-stock.repository';
import { checkItem, itemView, MAX_AGE_SETTING, RegionSuppliesView } from './supply-view';

/** Units of a division below 30 days (of one item, or of any), and units with stale figures. */
@Injectable()
export class ReadRegionSupplies {
  constructor(
    private readonly repository: SupplyStockRepository,
    private readonly units: UnitDirectory,
    private readonly settings: RegionalSettingsService<SettingKey>,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async execute(divisionCode: string | undefined, item: string | undefined, by: Principal): Promise<RegionSuppliesView> {
    const code = divisionCode ?? by.jurisdiction;
    if (!isDivisionCode(code))
      throw DomainError.invalid('InvalidDivisionCode', `divisionCode ${code} is not a division code`, { field: 'divisionCode' });
    const only = item === undefined ? undefined : checkItem(item);
    assertCovers(by, code);
    const now = this.clock.now();
    const today = shanghaiDate(now);
    const units = await this.units.inRegion(code);
    const supplies = await this.repository.ofUnits(units.map((u) => u.unitId));
    const settings = await this.settings.current();
    const wanted = only ? [only] : [...SUPPLY_ITEMS];
    const view: RegionSuppliesView = {
      divisionCode: code,
      item: only ?? null,
      floorDays: SUPPLY_FLOOR_DAYS,
      asOf: now.toISOString(),
      unitsInRegion: units.length,
      unitsShort: 0,
      short: [],
      stale: [],
    };
    for (const unit of units) {
      const maxAgeDays = settings.valueFor(MAX_AGE_SETTING, unit.divisionCode, today);
      const items = wanted.map((i) => itemView(i, supplies.get(unit.unitId)?.items[i], now, maxAgeDays));
      const ref = { unitId: unit.unitId, name: unit.name, unitType: unit.unitType, divisionCode: unit.divisionCode };
      const short = items.filter((i) => i.status === 'short');
      if (short.length) view.short.push({ ...ref, items: short });
      const stale = items.filter((i) => i.stale);
      if (stale.length)
        view.stale.push({ ...ref, maxAgeDays, items: stale.map((i) => ({ item: i.item, updatedAt: i.updatedAt, ageDays: i.ageDays })) });
    }
    view.unitsShort = view.short.length;
    return view;
  }
}
