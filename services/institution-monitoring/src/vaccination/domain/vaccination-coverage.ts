import { DomainError } from '@civil/kernel';
import { VACCINATION_FLOOR, VACCINATION_GROUPS, VaccinationGroup } from '@civil/contracts';

/**
 * Vaccination coverage of a unit's residents and staff (疫苗接种): 91.2% of the eligible (aged 12+,
 * no contraindication) is the floor (底线); the unvaccinated eligible are driven to zero (清零).
 *
 * Rules where the source documents are silent:
 * - coverage = vaccinated / eligible; with nobody eligible there is nothing to do: coverage 1,
 *   never below the floor.
 * - Exactly 91.2% is at the floor, not below it. The comparison is exact, in integers
 *   (vaccinated × 10000 < 9120 × eligible), never on a rounded figure.
 * - Shown coverage is rounded DOWN to four decimals, so a coverage below the floor never shows
 *   as 0.912 (e.g. 0.91199 shows as 0.9119).
 * - One episode per group: BelowFloor once when the group falls below, Restored once when it is
 *   back at or above; updates while it stays below emit nothing. Episode ids are
 *   `<unitId>:<group>:<n>`, n counting the group's episodes from 1.
 * - A record gives both groups (a unit with no residents records 0 and 0): blank is not zero.
 */
export const FLOOR = VACCINATION_FLOOR;
const SCALE = 10_000;
const FLOOR_SCALED = Math.round(VACCINATION_FLOOR * SCALE);

export interface GroupCounts {
  eligible: number;
  vaccinated: number;
}

export interface BelowFloorEpisode {
  episodeId: string;
  detectedAt: Date;
}

export interface GroupCoverage extends GroupCounts {
  coverage: number;
  unvaccinatedEligible: number;
  belowFloor: boolean;
  /** Episodes opened so far (the n of the last episode id). */
  episodeCount: number;
  openEpisode: BelowFloorEpisode | null;
}

export type UnitCoverage = Record<VaccinationGroup, GroupCoverage>;

export type CoverageTransition =
  { kind: 'below'; group: VaccinationGroup; episodeId: string } | { kind: 'restored'; group: VaccinationGroup; episodeId: string };

/** vaccinated / eligible rounded down to four decimals; 1 when nobody is eligible. */
export function coverageOf(c: GroupCounts): number {
  if (c.eligible === 0) return 1;
  return Math.floor((c.vaccinated * SCALE) / c.eligible) / SCALE;
}

/** Strictly below 91.2%, compared exactly. */
export function isBelowFloor(c: GroupCounts): boolean {
  return c.eligible > 0 && c.vaccinated * SCALE < FLOOR_SCALED * c.eligible;
}

export function episodeId(unitId: string, group: VaccinationGroup, n: number): string {
  return `${unitId}:${group}:${n}`;
}

export function checkCounts(group: VaccinationGroup, c: GroupCounts): void {
  for (const f of ['eligible', 'vaccinated'] as const) {
    if (!Number.isInteger(c[f]) || c[f] < 0)
      throw DomainError.invalid('InvalidVaccinationFigure', `${group}.${f} must be a whole number ≥ 0`, { field: `${group}.${f}` });
  }
  if (c.vaccinated > c.eligible) {
    throw DomainError.invalid(
      'VaccinatedExceedEligible',
      `${group}.vaccinated (${c.vaccinated}) cannot exceed ${group}.eligible (${c.eligible})`,
      { field: `${group}.vaccinated` },
    );
  }
}

/** Records both groups' counts and the episodes they open or close. */
export function recordCoverage(
  current: UnitCoverage | undefined,
  input: Record<VaccinationGroup, GroupCounts>,
  ctx: { unitId: string; now: Date },
): { next: UnitCoverage; transitions: CoverageTransition[] } {
  VACCINATION_GROUPS.forEach((g) => checkCounts(g, input[g]));
  const transitions: CoverageTransition[] = [];
  const next = {} as UnitCoverage;
  for (const group of VACCINATION_GROUPS) {
    const counts = { eligible: input[group].eligible, vaccinated: input[group].vaccinated };
    const below = isBelowFloor(counts);
    let episodeCount = current?.[group].episodeCount ?? 0;
    let open = current?.[group].openEpisode ?? null;
    if (below && !open) {
      episodeCount += 1;
      open = { episodeId: episodeId(ctx.unitId, group, episodeCount), detectedAt: ctx.now };
      transitions.push({ kind: 'below', group, episodeId: open.episodeId });
    } else if (!below && open) {
      transitions.push({ kind: 'restored', group, episodeId: open.episodeId });
      open = null;
    }
    next[group] = {
      ...counts,
      coverage: coverageOf(counts),
      unvaccinatedEligible: counts.eligible - counts.vaccinated,
      belowFloor: below,
      episodeCount,
      openEpisode: open,
    };
  }
  return { next, transitions };
}

export interface GroupTotals {
  eligible: number;
  vaccinated: number;
  coverage: number;
  unvaccinatedEligible: number;
  belowFloor: boolean;
  /** Units whose own coverage of this group is below the floor. */
  unitsBelowFloor: string[];
}

/** Totals of a group over units (coverage of the sums, not the mean of the units' coverages). */
export function totals(units: readonly { unitId: string; coverage: UnitCoverage }[], group: VaccinationGroup): GroupTotals {
  const sum = { eligible: 0, vaccinated: 0 };
  const unitsBelowFloor: string[] = [];
  for (const u of units) {
    sum.eligible += u.coverage[group].eligible;
    sum.vaccinated += u.coverage[group].vaccinated;
    if (isBelowFloor(u.coverage[group])) unitsBelowFloor.push(u.unitId);
  }
  return {
    ...sum,
    coverage: coverageOf(sum),
    unvaccinatedEligible: sum.eligible - sum.vaccinated,
    belowFloor: isBelowFloor(sum),
    unitsBelowFloor,
  };
}
