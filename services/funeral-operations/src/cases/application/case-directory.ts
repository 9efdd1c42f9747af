import { Injectable } from '@nestjs/common';
import { DomainError } from '@civil/kernel';
import { ceremonyAllowed } from '../domain/funeral-case';
import { FuneralCaseRepository } from '../infrastructure/funeral-case.repository';

/**
 * What other capabilities may ask about a case, by key. Ceremony bookings call
 * `assertCeremonyAllowed`: an infectious-disease death has no ceremony (守灵, 遗体告别, 祭祀).
 */
@Injectable()
export class CaseDirectory {
  constructor(private readonly cases: FuneralCaseRepository) {}

  /** Null for an unknown case. */
  async isInfectious(caseId: string): Promise<boolean | null> {
    const c = await this.cases.get(caseId);
    return c ? c.value.infectious : null;
  }

  async assertCeremonyAllowed(caseId: string): Promise<void> {
    const c = await this.cases.get(caseId);
    if (!c) throw DomainError.notFound('CaseNotFound', `no funeral case ${caseId}`, { caseId });
    if (!ceremonyAllowed(c.value)) {
      throw DomainError.conflict('InfectiousNoCeremony', `infectious protocol: no ceremony (守灵, 遗体告别, 祭祀) for case ${caseId}; direct cremation with the CDC`, { caseId });
    }
  }
}
