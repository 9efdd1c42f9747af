import { Injectable } from '@nestjs/common';
import type { SettingKey } from '../../regional-settings/domain/settings';
import { SUPPLY_FLOOR_DAYS, SUPPLY_ITEM_LABELS, SUPPLY_ITEMS, SupplyItem, UnitType } from '@civil/contracts';
import { Clock, DomainError, isDivisionCode, shanghaiDate } from '@civil/kernel';
import { assertCovers, InjectClock, Principal, RegionalSettingsService } from '@civil/platform';
import { UnitDirectory } from '../../registry/application/unit-directory';
import { Institution } from '../../registry/domain/institution';
import { isShort, isSupplyItem, ItemChange, ItemStock, recordReceipt, recordStockCount, staleness } from '../domain/supply-stock';
import { SupplyStockRepository, UnitSupplies } from '../infrastructure/supply-stock.repository';
import { SupplyChange } from './supply-events';

const MAX_AGE_SETTING = 'supply-update-max-age-days';

export type ItemStatus = 'ok' | 'short' | 'not-recorded';

export interface ItemView {
  item: SupplyItem;
  label: string;
  status: ItemStatus;
  stock: number | null;
  dailyUse: number | null;
  /** null when unlimited (dailyUse 0) or not recorded. */
  daysOfCover: number | null;
  unlimitedCover: boolean;
  floorDays: number;
  /** The open shortage episode, if any. */
  episodeId: string | null;
  shortSince: string | null;
  updatedAt: string | null;
  updatedBy: string | null;
  ageDays: number | null;
  /** Not updated for longer than the region allows (or never recorded). */
  stale: boolean;
}

export interface UnitSuppliesView {
  unitId: string;
  unitType: UnitType;
  divisionCode: string;
  floorDays: number;
  maxAgeDays: number;
  lastUpdatedAt: string | null;
  shortItems: SupplyItem[];
  staleItems: SupplyItem[];
  items: ItemView[];
}

export interface RegionSuppliesView {
  divisionCode: string;
  item: SupplyItem | null;
  floorDays: number;
  asOf: string;
  unitsInRegion: number;
  /** Units with at least one item (or the item asked for) below 30 days. */
  unitsShort: number;
  short: { unitId: string; name: string; unitType: UnitType; divisionCode: string; items: ItemView[] }[];
  /** Units whose figures (for the item asked for, or any item) are stale or were never recorded. */
  stale: {
    unitId: string;
    name: string;
    unitType: UnitType;
    divisionCode: string;
    maxAgeDays: number;
    items: { item: SupplyItem; updatedAt: string | null; ageDays: number | null }[];
  }[];
}

/** Epidemic supplies of units (防疫物资储备): counts, receipts, shortage episodes and views. */
@Injectable()
export class SuppliesService {
  constructor(
    private readonly repository: SupplyStockRepository,
    private readonly units: UnitDirectory,
    private readonly settings: RegionalSettingsService<SettingKey>,
    @InjectClock() private readonly clock: Clock,
  ) {}

  /** A stock count: stock on hand and daily use of one item. */
  async recordCount(unitId: string, item: string, input: { stock: number; dailyUse: number }, by: Principal): Promise<ItemView> {
    const checked = checkItem(item);
    const unit = await this.units.unitFor(unitId, by);
    const tolerance = await this.settings.valueFor('supply-unaccounted-tolerance-days', unit.divisionCode, shanghaiDate(this.clock.now()));
    return this.change(unit, checked, (current, now) =>
      recordStockCount(current, input, { unitId, item: checked, now, by: by.sub }, tolerance),
    );
  }

  /** A delivery added to the stock; resending the same receiptId does not add it twice. */
  async recordReceipt(unitId: string, item: string, input: { quantity: number; receiptId: string }, by: Principal): Promise<ItemView> {
    const checked = checkItem(item);
    const unit = await this.units.unitFor(unitId, by);
    return this.change(unit, checked, (current, now) => recordReceipt(current, input, { unitId, item: checked, now, by: by.sub }));
  }

  async unitView(unitId: string, by: Principal): Promise<UnitSuppliesView> {
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

  /** Units of a division below 30 days (of one item, or of any), and units with stale figures. */
  async regionView(divisionCode: string | undefined, item: string | undefined, by: Principal): Promise<RegionSuppliesView> {
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

  private async change(
    unit: Institution,
    item: SupplyItem,
    apply: (current: ItemStock | undefined, now: Date) => ItemChange,
  ): Promise<ItemView> {
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

function checkItem(item: string): SupplyItem {
  if (!isSupplyItem(item))
    throw DomainError.invalid('UnknownSupplyItem', `item must be one of: ${SUPPLY_ITEMS.join(', ')}`, { field: 'item' });
  return item;
}

function itemView(item: SupplyItem, s: ItemStock | undefined, now: Date, maxAgeDays: number): ItemView {
  const age = staleness(s?.updatedAt, now, maxAgeDays);
  return {
    item,
    label: SUPPLY_ITEM_LABELS[item],
    status: !s ? 'not-recorded' : isShort(s.daysOfCover) ? 'short' : 'ok',
    stock: s?.stock ?? null,
    dailyUse: s?.dailyUse ?? null,
    daysOfCover: s?.daysOfCover ?? null,
    unlimitedCover: !!s && s.daysOfCover === null,
    floorDays: SUPPLY_FLOOR_DAYS,
    episodeId: s?.openEpisode?.episodeId ?? null,
    shortSince: s?.openEpisode?.detectedAt.toISOString() ?? null,
    updatedAt: s?.updatedAt.toISOString() ?? null,
    updatedBy: s?.updatedBy ?? null,
    ageDays: age.ageDays,
    stale: age.stale,
  };
}
