import { Module } from '@nestjs/common';
import { RegistryModule } from '../registry/registry.module';
import { VaccinationService } from './application/vaccination.service';
import { VaccinationCoverageRepository } from './infrastructure/vaccination-coverage.repository';
import { VaccinationHttpController } from './interface/vaccination.http.controller';

/** Vaccination coverage (疫苗接种) against the 91.2% floor (see domain/vaccination-coverage.ts). */
@Module({
  imports: [RegistryModule],
  controllers: [VaccinationHttpController],
  providers: [VaccinationCoverageRepository, VaccinationService],
})
export class VaccinationModule {}
