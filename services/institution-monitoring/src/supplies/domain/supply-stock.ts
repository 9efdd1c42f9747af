import { DomainError, shanghaiDate } from '@civil/kernel';
import { SUPPLY_FLOOR_DAYS, SUPPLY_ITEMS, SupplyItem } from '@civil/contracts';

/**
 * Epidemic supplies (防疫物资储备): a unit must hold at least one month (30 days) of each item.
 *
 * Rules where the source documents are silent:
 * - Days of cover = floor(stock / dailyUse), computed exactly (figures carry at most 3 decimals,
 *   so 0.57 litres at 0.019 a day is 30 days, not 29.999…).
 * - dailyUse 0 means the unit uses none of the item: cover is unlimited (`daysOfCover: null` in
 *   views), which is never a shortage, whatever the stock (even 0).
 * - Exactly 30 days is enough (至少1个月): a shortage is cover strictly below 30.
 * - A shortage episode opens once when an item falls below the floor and closes once when it is
 *   back at or above it; updates while it stays low change the figures but emit nothing. Episode
 *   ids are `<unitId>:<item>:<n>`, n counting the item's episodes from 1.
 * - Cover is the cover at the last count; it is not projected forward day by day. A figure not
 *   updated for more than the region's 'supply-update-max-age-days' (Beijing days) is shown as
 *   stale; staleness emits nothing and leaves an open episode open.
 */
export const FLOOR_DAYS = SUPPLY_FLOOR_DAYS;

/** Where an event's integer field needs a number for unlimited cover (dailyUse 0): 100 years. */
export const UNLIMITED_COVER_DAYS = 36_500;

/** Receipt ids remembered per item, so a resent receipt is not counted twice. */
export const RECEIPT_MEMORY = 200;

const SCALE = 1000;

export function isSupplyItem(value: string): value is SupplyItem {
  return (SUPPLY_ITEMS as readonly string[]).includes(value);
}

/** floor(stock / dailyUse); null (unlimited) when nothing is used. */
export function daysOfCover(stock: number, dailyUse: number): number | null {
  const use = Math.round(dailyUse * SCALE);
  if (use === 0) return null;
  return Math.floor(Math.round(stock * SCALE) / use);
}

/** Below the floor: strictly fewer than 30 days; unlimited cover never is. */
export function isShort(cover: number | null, floorDays = FLOOR_DAYS): boolean {
  return cover !== null && cover < floorDays;
}

export function episodeId(unitId: string, item: SupplyItem, n: number): string {
  return `${unitId}:${item}:${n}`;
}

export interface ShortageEpisode {
  episodeId: string;
  detectedAt: Date;
  /** Cover when it was found short. */
  daysOfCover: number;
}

/** One item's stock at a unit. */
export interface ItemStock {
  stock: number;
  dailyUse: number;
  /** null: unlimited (dailyUse 0). */
  daysOfCover: number | null;
  updatedAt: Date;
  updatedBy: string;
  /** Shortage episodes opened so far (the n of the last episode id). */
  episodeCount: number;
  openEpisode: ShortageEpisode | null;
  /** Latest receipt ids, newest last. */
  receiptIds: string[];
}

export type ShortageTransition =
  { kind: 'detected'; episodeId: string; daysOfCover: number } | { kind: 'cleared'; episodeId: string; daysOfCover: number | null };

/**
 * Stock a count found missing (挪用 suspicion, seed 000's 挪用物资): less than the last figures, the
 * receipts since and the recorded daily use leave, by more than `toleranceDays` of that use.
 */
export interface UnaccountedStock {
  findingId: string;
  expectedStock: number;
  countedStock: number;
  unaccounted: number;
  dailyUse: number;
  daysSinceLastCount: number;
  lastCountAt: Date;
}

export interface ItemChange {
  next: ItemStock;
  transition: ShortageTransition | null;
  /** Set when a count finds stock gone without recorded use. */
  unaccounted?: UnaccountedStock;
  /** A receipt already counted: nothing changed. */
  duplicate: boolean;
}

interface Context {
  unitId: string;
  item: SupplyItem;
  now: Date;
  by: string;
}

function checkFigure(field: string, value: number): void {
  if (!Number.isFinite(value) || value < 0) throw DomainError.invalid('InvalidSupplyFigure', `${field} must be a number ≥ 0`, { field });
  if (Math.abs(Math.round(value * SCALE) - value * SCALE) > 1e-6) {
    throw DomainError.invalid('InvalidSupplyFigure', `${field} may have at most 3 decimals`, { field });
  }
}

/** Opens or closes the episode the new figures call for (or neither). */
function settle(
  current: ItemStock | undefined,
  figures: { stock: number; dailyUse: number },
  ctx: Context,
  receiptIds: string[],
): Omit<ItemChange, 'duplicate'> {
  const cover = daysOfCover(figures.stock, figures.dailyUse);
  const episodeCount = current?.episodeCount ?? 0;
  const open = current?.openEpisode ?? null;
  const base = { ...figures, daysOfCover: cover, updatedAt: ctx.now, updatedBy: ctx.by, receiptIds };
  if (isShort(cover) && !open) {
    const id = episodeId(ctx.unitId, ctx.item, episodeCount + 1);
    return {
      next: { ...base, episodeCount: episodeCount + 1, openEpisode: { episodeId: id, detectedAt: ctx.now, daysOfCover: cover! } },
      transition: { kind: 'detected', episodeId: id, daysOfCover: cover! },
    };
  }
  if (!isShort(cover) && open) {
    return {
      next: { ...base, episodeCount, openEpisode: null },
      transition: { kind: 'cleared', episodeId: open.episodeId, daysOfCover: cover },
    };
  }
  return { next: { ...base, episodeCount, openEpisode: open }, transition: null };
}

/**
 * A stock count (盘点): the stock on hand and the daily use, replacing the previous figures. With
 * `unaccountedToleranceDays`, the count is also checked against what the records leave (the last
 * figures, with receipts, less the daily use then recorded × Beijing days since).
 */
export function recordStockCount(
  current: ItemStock | undefined,
  input: { stock: number; dailyUse: number },
  ctx: Context,
  unaccountedToleranceDays?: number,
): ItemChange {
  checkFigure('stock', input.stock);
  checkFigure('dailyUse', input.dailyUse);
  const change: ItemChange = { ...settle(current, input, ctx, current?.receiptIds ?? []), duplicate: false };
  const unaccounted =
    current && unaccountedToleranceDays !== undefined ? unaccountedStock(current, input.stock, ctx, unaccountedToleranceDays) : undefined;
  return unaccounted ? { ...change, unaccounted } : change;
}

/** The stock a count found missing beyond the tolerance, or undefined. */
export function unaccountedStock(previous: ItemStock, counted: number, ctx: Context, toleranceDays: number): UnaccountedStock | undefined {
  const days = Math.max(0, beijingDaysBetween(previous.updatedAt, ctx.now));
  const used = Math.round(previous.dailyUse * SCALE) * days;
  const expected = Math.max(0, Math.round(previous.stock * SCALE) - used);
  const missing = expected - Math.round(counted * SCALE);
  const allowed = Math.round(previous.dailyUse * SCALE) * toleranceDays;
  if (missing <= 0 || missing <= allowed) return undefined;
  return {
    findingId: `${ctx.unitId}:${ctx.item}:${ctx.now.getTime()}`,
    expectedStock: expected / SCALE,
    countedStock: counted,
    unaccounted: missing / SCALE,
    dailyUse: previous.dailyUse,
    daysSinceLastCount: days,
    lastCountAt: previous.updatedAt,
  };
}

/** A delivery (入库): adds to the stock at the current daily use; a resent receipt id counts once. */
export function recordReceipt(current: ItemStock | undefined, input: { quantity: number; receiptId: string }, ctx: Context): ItemChange {
  checkFigure('quantity', input.quantity);
  if (input.quantity === 0) throw DomainError.invalid('EmptyReceipt', 'quantity must be more than 0', { field: 'quantity' });
  if (!current) {
    throw DomainError.conflict('NoStockCount', `record a stock count of ${ctx.item} (stock and dailyUse) before receipts`, {
      item: ctx.item,
    });
  }
  if (current.receiptIds.includes(input.receiptId)) return { next: current, transition: null, duplicate: true };
  const stock = (Math.round(current.stock * SCALE) + Math.round(input.quantity * SCALE)) / SCALE;
  const receiptIds = [...current.receiptIds, input.receiptId].slice(-RECEIPT_MEMORY);
  return { ...settle(current, { stock, dailyUse: current.dailyUse }, ctx, receiptIds), duplicate: false };
}

/** Whole Beijing days between two instants' dates. */
export function beijingDaysBetween(from: Date, to: Date): number {
  return Math.round((Date.parse(`${shanghaiDate(to)}T00:00:00Z`) - Date.parse(`${shanghaiDate(from)}T00:00:00Z`)) / 86_400_000);
}

/** Stale: never recorded, or not updated for more than maxAgeDays Beijing days. */
export function staleness(updatedAt: Date | undefined, now: Date, maxAgeDays: number): { stale: boolean; ageDays: number | null } {
  if (!updatedAt) return { stale: true, ageDays: null };
  const ageDays = beijingDaysBetween(updatedAt, now);
  return { stale: ageDays > maxAgeDays, ageDays };
}
