import { Injectable } from '@nestjs/common';
import { DomainError } from '@civil/kernel';
import { ceremonyAllowed } from '../domain/funeral-case';
import type { Principal } from '@civil/platform';
import { FuneralCaseRepository } from '../infrastructure/funeral-case.repository';
import { CaseWriter } from './case-writer';

/**
 * What other capabilities may ask about a case, by key. Ceremony bookings call
 * `assertCeremonyAllowed`: an infectious-disease death has no ceremony (守灵, 遗体告别, 祭祀).
 */
@Injectable()
export class CaseDirectory {
  constructor(
    private readonly cases: FuneralCaseRepository,
    private readonly writer: CaseWriter,
  ) {}

  /** Null for an unknown case. */
  async isInfectious(caseId: string): Promise<boolean | null> {
    const c = await this.cases.get(caseId);
    return c ? c.value.infectious : null;
  }

  /**
   * For a ceremony booked at `homeId`: the case must be within the caller's reach (404/403), be at
   * that home (400 naming caseId), and allow a ceremony (409 for an infectious death).
   */
  async assertCeremonyAllowed(caseId: string, homeId: string, by: Principal): Promise<void> {
    const c = await this.writer.caseFor(caseId, by);
    if (c.value.homeId !== homeId)
      throw DomainError.invalid('CaseAtAnotherHome', `case ${caseId} is not a case of home ${homeId}`, { field: 'caseId' });
    if (!ceremonyAllowed(c.value)) {
      throw DomainError.conflict(
        'InfectiousNoCeremony',
        `infectious protocol: no ceremony (守灵, 遗体告别, 祭祀) for case ${caseId}; direct cremation with the CDC`,
        { caseId },
      );
    }
  }
}
