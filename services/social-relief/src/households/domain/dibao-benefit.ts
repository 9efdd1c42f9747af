import { MemberFlag, SupplementKind } from './household-vocabulary';

/**
 * The 低保 benefit (低保金) of a household, or of a member taken as a single-person household, in
 * integer fen: the top-up (补差) to the standard, never less than the region's minimum top-up
 * (补差额度最低标准, seed 003 篇十一), plus one supplement per member (分类施保).
 *
 * - The minimum top-up is a percent of the standard per member, rounded to the fen, times the
 *   members: a household whose gap is below it gets it instead of the gap.
 * - Supplements are per member, a percent of the standard (rounded to the fen), and a member gets
 *   ONE supplement — the largest that applies (就高不重复): a seriously ill 75-year-old gets the
 *   larger of the two, not both. Ties go in the order serious illness, severe disability, 70+, minor.
 * - Ages are whole years on the assessment day: 70 and over is "70+", under 18 is a minor.
 */
export interface BenefitSettings {
  standardFen: number;
  supplementPercent: Record<SupplementKind, number>;
  /** 补差额度最低标准: percent of the standard, per member and month. */
  minimumTopUpPercent: number;
}

export interface BenefitMember {
  personId: string;
  age: number;
  flags: readonly MemberFlag[];
}

export interface Supplement {
  personId: string;
  kind: SupplementKind;
  fen: number;
}

const SUPPLEMENT_ORDER: readonly SupplementKind[] = ['serious-illness', 'severe-disability', 'age-70', 'minor'];

/** The one supplement a 低保 member gets (the largest that applies), or null. */
export function supplementFor(
  member: BenefitMember,
  settings: Pick<BenefitSettings, 'standardFen' | 'supplementPercent'>,
): Supplement | null {
  const applies: Record<SupplementKind, boolean> = {
    'serious-illness': member.flags.includes('seriously-ill'),
    'severe-disability': member.flags.includes('severely-disabled'),
    'age-70': member.age >= 70,
    minor: member.age < 18,
  };
  let best: Supplement | null = null;
  for (const kind of SUPPLEMENT_ORDER) {
    if (!applies[kind]) continue;
    const fen = Math.round((settings.standardFen * settings.supplementPercent[kind]) / 100);
    if (best === null || fen > best.fen) best = { personId: member.personId, kind, fen };
  }
  return best && best.fen > 0 ? best : null;
}

/** The minimum top-up of a household of `members` (fen a month). */
export function minimumTopUpFen(members: number, settings: Pick<BenefitSettings, 'standardFen' | 'minimumTopUpPercent'>): number {
  return Math.round((settings.standardFen * settings.minimumTopUpPercent) / 100) * members;
}

export interface DibaoBenefit {
  /** standard × members − counted income. */
  gapFen: number;
  minimumTopUpFen: number;
  /** The gap, or the minimum top-up when the gap is below it. */
  topUpFen: number;
  supplements: Supplement[];
  monthlyBenefitFen: number;
}

/** The benefit of members whose counted income is below the standard × members. */
export function dibaoBenefit(members: readonly BenefitMember[], countedFen: number, settings: BenefitSettings): DibaoBenefit {
  const gapFen = settings.standardFen * members.length - countedFen;
  const minimum = minimumTopUpFen(members.length, settings);
  const topUpFen = Math.max(gapFen, minimum);
  const supplements = members.map((m) => supplementFor(m, settings)).filter((s): s is Supplement => s !== null);
  return {
    gapFen,
    minimumTopUpFen: minimum,
    topUpFen,
    supplements,
    monthlyBenefitFen: topUpFen + supplements.reduce((s, x) => s + x.fen, 0),
  };
}
