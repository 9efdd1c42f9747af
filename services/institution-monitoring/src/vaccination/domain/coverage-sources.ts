import { VACCINATION_GROUPS, VaccinationGroup } from '@civil/contracts';
import { RegisterCounts } from './eligibility';
import { RollCounts } from './staff-roll';
import { GroupCounts } from './vaccination-coverage';

/**
 * Where a group's coverage comes from. The figures a unit types in (PUT …/vaccination) stand only
 * where it keeps no record of the people themselves:
 * - residents: from the resident register (eligible by age on the day, seed 004 12岁以上) whenever
 *   anyone is on it (in residence, isolated or on leave), else the typed figures;
 * - staff: from the unit's staff roll (登记造册) whenever it has members, else the typed figures;
 * - none: neither, and nothing typed (0 eligible).
 */
export type CoverageSource = 'register' | 'staff-roll' | 'reported' | 'none';

export const COVERAGE_SOURCE_LABELS: Record<CoverageSource, string> = {
  register: '按在册服务对象计算',
  'staff-roll': '按工作人员花名册计算',
  reported: '机构填报',
  none: '未填报',
};

export function chooseCounts(input: {
  register: RegisterCounts | null;
  roll: RollCounts | null;
  reported: Record<VaccinationGroup, GroupCounts> | undefined;
}): { counts: Record<VaccinationGroup, GroupCounts>; sources: Record<VaccinationGroup, CoverageSource> } {
  const derived: Record<VaccinationGroup, { counts: GroupCounts | null; source: CoverageSource }> = {
    residents: { counts: input.register, source: 'register' },
    staff: { counts: input.roll, source: 'staff-roll' },
  };
  const counts = {} as Record<VaccinationGroup, GroupCounts>;
  const sources = {} as Record<VaccinationGroup, CoverageSource>;
  for (const g of VACCINATION_GROUPS) {
    const d = derived[g].counts;
    const typed = input.reported?.[g];
    counts[g] = d ? { eligible: d.eligible, vaccinated: d.vaccinated } : typed ? { ...typed } : { eligible: 0, vaccinated: 0 };
    sources[g] = d ? derived[g].source : typed ? 'reported' : 'none';
  }
  return { counts, sources };
}
