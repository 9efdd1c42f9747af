/**
 * One person's vaccination status, as a unit records it for a resident or a member of a staff roll:
 * vaccinated (已接种), not yet (未接种), or exempt for a contraindication (有禁忌症, "除有禁忌症外").
 */
export const VACCINATION_STATUSES = ['vaccinated', 'unvaccinated', 'contraindicated'] as const;
export type VaccinationStatus = (typeof VACCINATION_STATUSES)[number];

export const VACCINATION_STATUS_LABELS: Record<VaccinationStatus, string> = {
  vaccinated: '已接种',
  unvaccinated: '未接种',
  contraindicated: '有禁忌症',
};

/** What is on record of a person's vaccination. */
export interface VaccinationRecord {
  status: VaccinationStatus;
  recordedAt: Date;
  recordedBy: string;
}
