import { Module } from '@nestjs/common';
import { RegistryModule } from '../registry/registry.module';
import { ResidentDirectory } from './application/resident-directory';
import { AdmitResident } from './application/admit-resident';
import { ClearSymptomCase } from './application/clear-symptom-case';
import { DecideLeave } from './application/decide-leave';
import { DepartOnLeave } from './application/depart-on-leave';
import { DischargeResident } from './application/discharge-resident';
import { ListResidents } from './application/list-residents';
import { ReadResident } from './application/read-resident';
import { RecordDeath } from './application/record-death';
import { RecordTemperature } from './application/record-temperature';
import { RecoverInPlace } from './application/recover-in-place';
import { ReportSymptoms } from './application/report-symptoms';
import { RequestLeave } from './application/request-leave';
import { ReturnFromLeave } from './application/return-from-leave';
import { TransferResident } from './application/transfer-resident';
import { UnitResidents } from './application/unit-residents';
import { LastDailyReportReader } from './infrastructure/last-daily-report.reader';
import { PersonKeyClaimRepository } from './infrastructure/person-key-claim.repository';
import { ResidentRepository } from './infrastructure/resident.repository';
import { ResidentsHttpController } from './interface/residents.http.controller';

/**
 * Residents of units (服务对象): admission (relief stations isolate every admission 14 days),
 * leave, temperature readings and the symptom path, transfer and death. Names and ID numbers
 * stay here, encrypted; other capabilities look residents up through ResidentDirectory.
 */
@Module({
  imports: [RegistryModule],
  controllers: [ResidentsHttpController],
  providers: [
    ResidentRepository,
    PersonKeyClaimRepository,
    LastDailyReportReader,
    ResidentDirectory,
    UnitResidents,
    AdmitResident,
    ListResidents,
    ReadResident,
    RequestLeave,
    DecideLeave,
    DepartOnLeave,
    ReturnFromLeave,
    RecordTemperature,
    ReportSymptoms,
    ClearSymptomCase,
    RecoverInPlace,
    TransferResident,
    RecordDeath,
    DischargeResident,
  ],
  exports: [ResidentDirectory, ResidentRepository],
})
export class ResidentsModule {}
