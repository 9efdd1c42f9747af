import { Module } from '@nestjs/common';
import { RegistryModule } from '../registry/registry.module';
import { ResidentDirectory } from './application/resident-directory';
import { ResidentsService } from './application/residents.service';
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
  providers: [ResidentRepository, PersonKeyClaimRepository, LastDailyReportReader, ResidentsService, ResidentDirectory],
  exports: [ResidentDirectory, ResidentRepository],
})
export class ResidentsModule {}
