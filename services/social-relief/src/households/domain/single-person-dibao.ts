import { BenefitMember, BenefitSettings, dibaoBenefit, Supplement } from './dibao-benefit';
import { tenths } from './expenditure-poverty';
import { SinglePersonDibaoReason } from './household-vocabulary';

/**
 * 参照“单人户”纳入低保 (seed 003): severely disabled people and seriously ill patients of a household
 * above the 低保 line but below the region's single-person band may enter 低保 on their own, as a
 * household of one — 篇八 for the members of a 低保边缘 household (below 1.5× the standard there),
 * 篇十一 for a household "高于当地低保标准，但低于低保标准2倍". The band is a regional setting
 * (`single-person-dibao-multiplier`: 1.5 or 2), independent of the 低保边缘 multiplier.
 *
 * Decided here where the seeds are silent:
 * - The member is assessed as a household of one: their own counted income (incomes tied to them,
 *   after exclusions, imputation and employment costs; household-level income is not theirs) must be
 *   below the standard; the benefit is the gap to one standard, at least the minimum top-up for one,
 *   plus their supplement.
 * - Severe disability is named before serious illness when a member is both.
 * - The assessment names who is eligible; they enter 低保 on their own application (经个人申请).
 */
export interface SinglePersonDibao {
  personId: string;
  reason: SinglePersonDibaoReason;
  countedIncomeFen: number;
  gapFen: number;
  topUpFen: number;
  supplement: Supplement | null;
  monthlyBenefitFen: number;
}

export interface SinglePersonBand {
  /** Household counted income, fen a month. */
  countedFen: number;
  members: readonly BenefitMember[];
  /** Each member's own counted income (fen a month); absent: none. */
  countedByMember: ReadonlyMap<string, number>;
  singlePersonDibaoMultiplier: number;
}

function reasonOf(member: BenefitMember): SinglePersonDibaoReason | null {
  if (member.flags.includes('severely-disabled')) return 'severely-disabled';
  if (member.flags.includes('seriously-ill')) return 'seriously-ill';
  return null;
}

/** The members who may enter 低保 as single-person households, with their benefit; [] outside the band. */
export function singlePersonDibao(band: SinglePersonBand, settings: BenefitSettings): SinglePersonDibao[] {
  const line = settings.standardFen * band.members.length;
  const inBand = band.countedFen >= line && band.countedFen * 10 < line * tenths(band.singlePersonDibaoMultiplier);
  if (!inBand) return [];
  const eligible: SinglePersonDibao[] = [];
  for (const member of band.members) {
    const reason = reasonOf(member);
    if (!reason) continue;
    const own = band.countedByMember.get(member.personId) ?? 0;
    if (own >= settings.standardFen) continue;
    const b = dibaoBenefit([member], own, settings);
    eligible.push({
      personId: member.personId,
      reason,
      countedIncomeFen: own,
      gapFen: b.gapFen,
      topUpFen: b.topUpFen,
      supplement: b.supplements[0] ?? null,
      monthlyBenefitFen: b.monthlyBenefitFen,
    });
  }
  return eligible;
}
