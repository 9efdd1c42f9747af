import { SEVERITY_GRID_LETTERS, SeverityGridLetter } from '@civil/contracts';
import { addDays } from '@civil/kernel';

/**
 * The scope × severity grid of a finding, as surveyors know it from the CMS survey grid: how far
 * the deficiency reaches (scope) and how much harm it did or could do (harm level) give one
 * letter A–L, and the letter sets how long the unit has to put it right.
 */
export const FINDING_SCOPES = ['isolated', 'pattern', 'widespread'] as const;
export type FindingScope = (typeof FINDING_SCOPES)[number];

export const HARM_LEVELS = [1, 2, 3, 4] as const;
export type HarmLevel = (typeof HARM_LEVELS)[number];

export const FINDING_SCOPE_LABELS: Record<FindingScope, string> = {
  isolated: '个别',
  pattern: '多处（成规律）',
  widespread: '普遍',
};

export const HARM_LEVEL_LABELS: Record<HarmLevel, string> = {
  1: '无实际危害，潜在危害轻微',
  2: '无实际危害，潜在危害超出轻微',
  3: '已造成实际危害',
  4: '立即危及生命安全',
};

export const SEVERITY_GRID_LETTER_LABELS: Record<SeverityGridLetter, string> = {
  A: 'A 个别·潜在危害轻微',
  B: 'B 多处·潜在危害轻微',
  C: 'C 普遍·潜在危害轻微',
  D: 'D 个别·潜在危害超出轻微',
  E: 'E 多处·潜在危害超出轻微',
  F: 'F 普遍·潜在危害超出轻微',
  G: 'G 个别·实际危害',
  H: 'H 多处·实际危害',
  I: 'I 普遍·实际危害',
  J: 'J 个别·立即危及生命安全',
  K: 'K 多处·立即危及生命安全',
  L: 'L 普遍·立即危及生命安全',
};

/** The grid letter of a finding: rows by harm level (1: A–C … 4: J–L), columns by scope. */
export function gridLetter(scope: FindingScope, harmLevel: HarmLevel): SeverityGridLetter {
  return SEVERITY_GRID_LETTERS[(harmLevel - 1) * 3 + FINDING_SCOPES.indexOf(scope)];
}

/** The harm level a letter stands for. */
export function harmLevelOf(letter: SeverityGridLetter): HarmLevel {
  return (Math.floor(SEVERITY_GRID_LETTERS.indexOf(letter) / 3) + 1) as HarmLevel;
}

/** Letters ordered from least to most severe; a higher index is worse. */
export function mostSevere(letters: readonly SeverityGridLetter[]): SeverityGridLetter | null {
  let worst: SeverityGridLetter | null = null;
  for (const l of letters) if (worst === null || SEVERITY_GRID_LETTERS.indexOf(l) > SEVERITY_GRID_LETTERS.indexOf(worst)) worst = l;
  return worst;
}

/** Rectification days per harm level, as the region sets them (see inspections.settings.ts). */
export interface DeadlineDays {
  /** A–C: no actual harm, minimal potential. */
  minimal: number;
  /** D–F: a plan of correction within 10 days, as in the CMS process. */
  potential: number;
  /** G–I: actual harm. */
  actual: number;
  /** J–L: immediate jeopardy, put right at once. */
  jeopardy: number;
}

export const DEFAULT_DEADLINE_DAYS: DeadlineDays = { minimal: 30, potential: 10, actual: 3, jeopardy: 1 };

/** Days the unit has to rectify a finding of this letter. */
export function rectificationDays(letter: SeverityGridLetter, days: DeadlineDays): number {
  return [days.minimal, days.potential, days.actual, days.jeopardy][harmLevelOf(letter) - 1];
}

/** Due day of the rectification, counted from the day the issue is served (Asia/Shanghai). */
export function rectificationDueDate(letter: SeverityGridLetter, servedOn: string, days: DeadlineDays): string {
  return addDays(servedOn, rectificationDays(letter, days));
}
