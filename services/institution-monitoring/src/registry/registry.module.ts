import { Module } from '@nestjs/common';
import { RegistryService } from './application/registry.service';
import { UnitDirectory } from './application/unit-directory';
import { InstitutionRepository } from './infrastructure/institution.repository';
import { InstitutionsHttpController } from './interface/institutions.http.controller';

/** The registry of units. Other capabilities find units through UnitDirectory. */
@Module({
  controllers: [InstitutionsHttpController],
  providers: [InstitutionRepository, RegistryService, UnitDirectory],
  exports: [InstitutionRepository, UnitDirectory],
})
export class RegistryModule {}
