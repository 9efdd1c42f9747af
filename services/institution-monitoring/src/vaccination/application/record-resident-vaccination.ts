import { Injectable } from '@nestjs/common';
import { Clock, DomainError } from '@civil/kernel';
import { InjectClock, Principal } from '@civil/platform';
import { UnitDirectory } from '../../registry/application/unit-directory';
import { ResidentRepository } from '../../residents/infrastructure/resident.repository';
import { recordResidentVaccination } from '../domain/resident-vaccination';
import { VaccinationStatus } from '../domain/vaccination-status';
import { UnitVaccinationView } from './coverage-view';
import { UnitCoverage } from './unit-coverage';

/** A resident's vaccination status, then the unit's coverage recomputed from its register. */
@Injectable()
export class RecordResidentVaccination {
  constructor(
    private readonly units: UnitDirectory,
    private readonly residents: ResidentRepository,
    private readonly coverage: UnitCoverage,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async execute(
    unitId: string,
    residentId: string,
    status: VaccinationStatus,
    by: Principal,
  ): Promise<{ residentId: string; vaccinationStatus: VaccinationStatus; coverage: UnitVaccinationView }> {
    const unit = await this.units.unitFor(unitId, by);
    const notFound = () => DomainError.notFound('ResidentNotFound', `unit ${unitId} has no resident ${residentId}`, { unitId, residentId });
    await this.residents.store.change(
      residentId,
      (current) => {
        if (current.unitId !== unitId) throw notFound();
        const next = recordResidentVaccination(current, status, by.sub, this.clock.now());
        return next && { next, changes: [] };
      },
      notFound,
    );
    await this.coverage.refresh(unit, by.sub);
    return { residentId, vaccinationStatus: status, coverage: await this.coverage.view(unit) };
  }
}
