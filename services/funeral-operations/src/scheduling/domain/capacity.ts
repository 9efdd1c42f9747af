import type { CapacityMeasure } from '@civil/contracts';
import { Booking, CrematorWindow } from './placement';

/**
 * A home's capacity (产能): cold-storage occupancy (occupied slots / slots) and cremation backlog
 * (hours of cremations queued / hours available on in-service cremators in the next horizon).
 *
 * Episodes with hysteresis: a measure becomes strained when its ratio reaches the strained
 * threshold (at or above it), and recovers only when it falls below the recovered threshold. Each
 * episode is numbered per home and measure, so CapacityStrained and CapacityRecovered are each
 * emitted once per episode, with ids derived from the episode.
 */
export interface MeasureState {
  measure: CapacityMeasure;
  ratio: number;
  strained: boolean;
  /** The current (when strained) or last episode number; 0 before the first. */
  episode: number;
  since: Date | null;
}

export interface EpisodeChange {
  kind: 'strained' | 'recovered';
  episode: number;
}

/** Ratios are capped so "no capacity at all" still serialises as a number. */
export const RATIO_CAP = 99;

export function ratioOf(used: number, available: number): number {
  if (available <= 0) return used > 0 ? RATIO_CAP : 0;
  return Math.min(RATIO_CAP, Math.round((used / available) * 1000) / 1000);
}

/** The next state of a measure and the episode change it causes, if any. */
export function nextMeasureState(
  state: MeasureState,
  ratio: number,
  strainedAt: number,
  recoveredBelow: number,
  now: Date,
): { state: MeasureState; change: EpisodeChange | null } {
  if (!state.strained && ratio >= strainedAt) {
    const episode = state.episode + 1;
    return { state: { ...state, ratio, strained: true, episode, since: now }, change: { kind: 'strained', episode } };
  }
  if (state.strained && ratio < recoveredBelow) {
    return { state: { ...state, ratio, strained: false, since: now }, change: { kind: 'recovered', episode: state.episode } };
  }
  return { state: { ...state, ratio }, change: null };
}

export function initialMeasure(measure: CapacityMeasure): MeasureState {
  return { measure, ratio: 0, strained: false, episode: 0, since: null };
}

export function episodeId(homeId: string, measure: CapacityMeasure, episode: number): string {
  return `${homeId}:${measure}:${episode}`;
}

const HOUR = 3_600_000;

/** Hours the windows offer between `from` and `from + horizonHours`. */
export function hoursAvailable(windows: readonly CrematorWindow[], from: Date, horizonHours: number): number {
  const to = from.getTime() + horizonHours * HOUR;
  let ms = 0;
  for (const w of windows) ms += Math.max(0, Math.min(w.end.getTime(), to) - Math.max(w.start.getTime(), from.getTime()));
  return ms / HOUR;
}

/** Hours of cremation queued: placed and not yet done, plus cases waiting to be placed. */
export function hoursQueued(bookings: readonly Booking[], waitingCases: number, cremationMinutes: number): number {
  const placed = bookings.filter((b) => !b.doneAt).reduce((h, b) => h + (b.end.getTime() - b.start.getTime()) / HOUR, 0);
  return placed + (waitingCases * cremationMinutes) / 60;
}

export interface HomeLoad {
  homeId: string;
  coldStorageRatio: number;
  backlogRatio: number;
  expectedWaitMinutes: number | null;
}

/**
 * Homes with free capacity (both measures under their strained thresholds and a slot to offer),
 * best first: shortest expected wait, then the lower of the two ratios' maximum, then id.
 */
export function rankAlternatives(candidates: readonly HomeLoad[], coldStrainedAt: number, backlogStrainedAt: number): HomeLoad[] {
  return candidates
    .filter((c) => c.coldStorageRatio < coldStrainedAt && c.backlogRatio < backlogStrainedAt && c.expectedWaitMinutes !== null)
    .sort(
      (a, b) =>
        a.expectedWaitMinutes! - b.expectedWaitMinutes! ||
        Math.max(a.coldStorageRatio, a.backlogRatio) - Math.max(b.coldStorageRatio, b.backlogRatio) ||
        a.homeId.localeCompare(b.homeId),
    );
}

export const CAPACITY_STATE_LABELS: Record<'strained' | 'normal', string> = { strained: '产能紧张', normal: '正常' };
