import { Module } from '@nestjs/common';
import { HomesModule } from '../homes/homes.module';
import { ReliefStatusCopyModule } from '../relief-status-copy/relief-status-copy.module';
import { SchedulingModule } from '../scheduling/scheduling.module';
import { CancelCase } from './application/cancel-case';
import { CaseDirectory } from './application/case-directory';
import { CaseIntakeService } from './application/case-intake.service';
import { CaseMoves } from './application/case-moves';
import { CaseWriter } from './application/case-writer';
import { CustodyRepairService } from './application/custody-repair.service';
import { DispatchVehicle } from './application/dispatch-vehicle';
import { PickUpBody } from './application/pick-up-body';
import { RecordCremation } from './application/record-cremation';
import { ReleaseRemains } from './application/release-remains';
import { ScheduleCremation } from './application/schedule-cremation';
import { StoreBody } from './application/store-body';
import { FuneralCaseRepository } from './infrastructure/funeral-case.repository';
import { FuneralCasesHttpController } from './interface/funeral-cases.http.controller';
import { ResidentDiedMessageController } from './interface/resident-died.message.controller';

/**
 * Funeral cases from intake to remains released, with the custody log, the infectious protocol
 * and the fee waiver. Other capabilities (ceremony bookings) use CaseDirectory.
 */
@Module({
  imports: [HomesModule, SchedulingModule, ReliefStatusCopyModule],
  controllers: [FuneralCasesHttpController, ResidentDiedMessageController],
  providers: [
    FuneralCaseRepository,
    CaseWriter,
    CaseIntakeService,
    CaseMoves,
    DispatchVehicle,
    PickUpBody,
    StoreBody,
    ScheduleCremation,
    RecordCremation,
    ReleaseRemains,
    CancelCase,
    CaseDirectory,
    CustodyRepairService,
  ],
  exports: [CaseDirectory],
})
export class CasesModule {}
