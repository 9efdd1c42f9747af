import { SUPPLY_FLOOR_DAYS, SUPPLY_ITEM_LABELS, SUPPLY_ITEMS, SupplyItem, UnitType } from '@civil/contracts';
import { DomainError } from '@civil/kernel';
import { isShort, isSupplyItem, ItemStock, staleness } from '../domain/supply-stock';

/** The region's setting of how old a unit's figures may be before they are stale. */
export const MAX_AGE_SETTING = 'supply-update-max-age-days';

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

/** The item named in a request, or 400 `UnknownSupplyItem`. */
export function checkItem(item: string): SupplyItem {
  if (!isSupplyItem(item))
    throw DomainError.invalid('UnknownSupplyItem', `item must be one of: ${SUPPLY_ITEMS.join(', ')}`, { field: 'item' });
  return item;
}

/** One item of a unit's stock as shown: status, days of cover, its open shortage episode, staleness. */
export function itemView(item: SupplyItem, s: ItemStock | undefined, now: Date, maxAgeDays: number): ItemView {
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
