import { Injectable } from '@nestjs/common';
import type { SettingKey } from '../../regional-settings/domain/settings';
import { SupplyItem } from '@civil/contracts';
import { Clock, shanghaiDate } from '@civil/kernel';
import { InjectClock, RegionalSettingsService } from '@civil/platform';
import { Institution } from '../../registry/domain/institution';
import { ItemChange, ItemStock } from '../domain/supply-stock';
import { SupplyStockRepository, UnitSupplies } from '../infrastructure/supply-stock.repository';
import { SupplyChange } from './supply-events';
import { itemView, ItemView, MAX_AGE_SETTING } from './supply-view';

/**
 * What the writes to a unit's epidemic supplies (防疫物资储备) share: one item's stock changed by a
 * rule in the unit's supplies document (created by its first write), with the shortage episode
 * and unaccounted-use events the change brings, and the item as shown afterwards.
 */
@Injectable()
export class UnitSupplyStock {
  constructor(
    private readonly repository: SupplyStockRepository,
    private readonly settings: RegionalSettingsService<SettingKey>,
    @InjectClock() private readonly clock: Clock,
  ) {}

  /** Applies the rule to the item's current stock (undefined: never recorded); a duplicate writes nothing. */
  async change(unit: Institution, item: SupplyItem, apply: (current: ItemStock | undefined, now: Date) => ItemChange): Promise<ItemView> {
    const maxAgeDays = await this.settings.valueFor(MAX_AGE_SETTING, unit.divisionCode, shanghaiDate(this.clock.now()));
    let view: ItemView | undefined;
    await this.repository.store.upsert(unit.unitId, (current) => {
      const now = this.clock.now();
      const { next, transition, duplicate, unaccounted } = apply(current?.items[item], now);
      view = itemView(item, next, now, maxAgeDays);
      if (duplicate) return undefined;
      const supplies: UnitSupplies = {
        unitId: unit.unitId,
        unitType: unit.unitType,
        divisionCode: unit.divisionCode,
        divisionAncestors: unit.divisionAncestors,
        items: { ...current?.items, [item]: next },
        lastUpdatedAt: now,
      };
      const changes: SupplyChange[] = transition ? [{ item, transition, at: now }] : [];
      if (unaccounted) changes.push({ item, unaccounted, at: now });
      return { next: supplies, changes };
    });
    return view!;
  }
}
