import { addDays, shanghaiDate } from '@civil/kernel';

/**
 * Isolation observation lasts 14 days (对新救助人员全部采取14日隔离监测措施; 返院需进行隔离观察):
 * a fixed rule of the source documents, not a regional setting.
 */
export const ISOLATION_DAYS = 14;

/**
 * The Beijing day a timed isolation ends: isolated on day D, the resident is isolated through
 * D+13 and out of isolation from D+14 (the end date shown).
 */
export function isolationEndsOn(startedAt: Date): string {
  return addDays(shanghaiDate(startedAt), ISOLATION_DAYS);
}

/** Whether a timed isolation ending on `endsOn` is over on `today` (both YYYY-MM-DD, Beijing). */
export function isolationOver(endsOn: string, today: string): boolean {
  return today >= endsOn;
}

/** °C with one decimal as integer tenths (37.3 → 373), the unit the fever threshold is set in. */
export function toTenths(celsius: number): number {
  return Math.round(celsius * 10);
}

/** A reading at or above the regional threshold (fever-threshold-tenths-c, e.g. 373) is abnormal. */
export function isFever(tenthsC: number, thresholdTenthsC: number): boolean {
  return tenthsC >= thresholdTenthsC;
}
