import { DynamicModule, Module } from '@nestjs/common';
import { RegistryModule } from '../registry/registry.module';
import { ResidentsModule } from '../residents/residents.module';
import { AddStaffMember } from './application/add-staff-member';
import { RecordResidentVaccination } from './application/record-resident-vaccination';
import { RecordStaffVaccination } from './application/record-staff-vaccination';
import { RefreshCoverageDaily } from './application/refresh-coverage-daily';
import { CLEARANCE_SWEEP_INTERVAL_MS, StaffClearanceSweepScheduler } from './application/staff-clearance-sweep.scheduler';
import { StaffClearanceSweepService } from './application/staff-clearance-sweep.service';
import { StaffRollTarget } from './application/staff-roll-target';
import { ReadStaffRoll } from './application/staff-roll-view';
import { ReadRegionCoverage } from './application/read-region-coverage';
import { ReadUnitCoverage } from './application/read-unit-coverage';
import { RecordCoverage } from './application/record-coverage';
import { UnitCoverage } from './application/unit-coverage';
import { StaffRollRepository } from './infrastructure/staff-roll.repository';
import { VaccinationCoverageRepository } from './infrastructure/vaccination-coverage.repository';
import { StaffRollHttpController } from './interface/staff-roll.http.controller';
import { VaccinationHttpController } from './interface/vaccination.http.controller';

/**
 * Vaccination coverage (疫苗接种) against the 91.2% floor of the eligible (aged 12+, see
 * domain/eligibility.ts), from the resident register and the staff rolls where a unit keeps them, and
 * 清零 of the staff rolls of units and civil-affairs office departments by the region's due date.
 */
@Module({})
export class VaccinationModule {
  static forRoot(options: { sweepIntervalMs: number }): DynamicModule {
    return {
      module: VaccinationModule,
      imports: [RegistryModule, ResidentsModule],
      controllers: [VaccinationHttpController, StaffRollHttpController],
      providers: [
        VaccinationCoverageRepository,
        StaffRollRepository,
        UnitCoverage,
        RecordCoverage,
        ReadUnitCoverage,
        ReadRegionCoverage,
        StaffRollTarget,
        AddStaffMember,
        RecordStaffVaccination,
        ReadStaffRoll,
        RecordResidentVaccination,
        StaffClearanceSweepService,
        RefreshCoverageDaily,
        StaffClearanceSweepScheduler,
        { provide: CLEARANCE_SWEEP_INTERVAL_MS, useValue: options.sweepIntervalMs },
      ],
    };
  }
}
