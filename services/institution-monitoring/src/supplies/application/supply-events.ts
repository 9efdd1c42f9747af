import {
  SUPPLY_FLOOR_DAYS,
  SupplyItem,
  SupplyShortageClearedV1,
  SupplyShortageDetectedV1,
  SupplyStockUnaccountedV1,
} from '@civil/contracts';
import { deterministicId } from '@civil/kernel';
import { outboxEntry } from '@civil/messaging';
import type { EventMapper } from '@civil/persistence';
import { ShortageTransition, UnaccountedStock, UNLIMITED_COVER_DAYS } from '../domain/supply-stock';
import { UnitSupplies } from '../infrastructure/supply-stock.repository';

/** A shortage episode of one item opened or closed by a stock update, or stock a count found missing. */
export type SupplyChange =
  { item: SupplyItem; transition: ShortageTransition; at: Date } | { item: SupplyItem; unaccounted: UnaccountedStock; at: Date };

/** The event of an episode opening or closing; its id derives from the episode, so it is one event whatever happens. */
export const supplyEvents: EventMapper<UnitSupplies, SupplyChange> = (changes, unit) =>
  changes.map((change) => {
    const { item, at } = change;
    if ('unaccounted' in change) {
      const u = change.unaccounted;
      return outboxEntry(
        SupplyStockUnaccountedV1,
        {
          unitId: unit.unitId,
          unitType: unit.unitType,
          divisionCode: unit.divisionCode,
          findingId: u.findingId,
          item,
          expectedStock: u.expectedStock,
          countedStock: u.countedStock,
          unaccounted: u.unaccounted,
          dailyUse: u.dailyUse,
          daysSinceLastCount: u.daysSinceLastCount,
          lastCountAt: u.lastCountAt.toISOString(),
          detectedAt: at.toISOString(),
        },
        { time: at, id: deterministicId(SupplyStockUnaccountedV1.type, u.findingId) },
      );
    }
    const t = change.transition;
    const stock = unit.items[item]!;
    const ref = {
      unitId: unit.unitId,
      unitType: unit.unitType,
      divisionCode: unit.divisionCode,
      episodeId: t.episodeId,
      item,
      floorDays: SUPPLY_FLOOR_DAYS,
    };
    if (t.kind === 'detected') {
      return outboxEntry(
        SupplyShortageDetectedV1,
        { ...ref, stock: stock.stock, dailyUse: stock.dailyUse, daysOfCover: t.daysOfCover, detectedAt: at.toISOString() },
        { time: at, id: deterministicId(SupplyShortageDetectedV1.type, t.episodeId) },
      );
    }
    return outboxEntry(
      SupplyShortageClearedV1,
      { ...ref, daysOfCover: t.daysOfCover ?? UNLIMITED_COVER_DAYS, clearedAt: at.toISOString() },
      { time: at, id: deterministicId(SupplyShortageClearedV1.type, t.episodeId) },
    );
  });
