import type { GroupCounts } from './vaccination-coverage';
import type { VaccinationStatus } from './vaccination-status';

/**
 * Who the 91.2% floor counts (seed 004: "辖区12岁以上人群应种尽种", "除有禁忌症外"): people aged 12
 * or more on the day, without a contraindication.
 *
 * Settled here, where the seeds are silent:
 * - "12岁以上" is read as 12 and over: a resident is eligible from their 12th birthday (a 29 February
 *   birthday counts from 1 March in other years).
 * - A resident without a birth date (none given, no ID number) is counted as eligible: the floor is
 *   not escaped by leaving a date blank; the unit sees how many such residents it has (`ageUnknown`).
 * - A person with no status recorded counts as unvaccinated.
 */
export const MIN_ELIGIBLE_AGE = 12;

/** Whole years of age on `day` (both YYYY-MM-DD). */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [y, m, d] = day.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

export interface PersonForCoverage {
  birthDate: string | null;
  status: VaccinationStatus | null;
}

export interface RegisterCounts extends GroupCounts {
  /** Counted, of whom the birth date is unknown (eligible by the rule above). */
  ageUnknown: number;
  /** Under 12 on the day: outside the floor. */
  underAge: number;
  contraindicated: number;
}

/** The eligible and vaccinated among people on record, on `day`. */
export function countEligible(people: readonly PersonForCoverage[], day: string): RegisterCounts {
  const c: RegisterCounts = { eligible: 0, vaccinated: 0, ageUnknown: 0, underAge: 0, contraindicated: 0 };
  for (const p of people) {
    if (p.birthDate !== null && ageOn(p.birthDate, day) < MIN_ELIGIBLE_AGE) {
      c.underAge += 1;
      continue;
    }
    if (p.status === 'contraindicated') {
      c.contraindicated += 1;
      continue;
    }
    c.eligible += 1;
    if (p.birthDate === null) c.ageUnknown += 1;
    if (p.status === 'vaccinated') c.vaccinated += 1;
  }
  return c;
}
