import { Module } from '@nestjs/common';
import { RegistryModule } from '../registry/registry.module';
import { ResidentsModule } from '../residents/residents.module';
import { VisitsService } from './application/visits.service';
import { VisitDayRepository } from './infrastructure/visit-day.repository';
import { VisitsHttpController } from './interface/visits.http.controller';

/** Visits (探视): registration, health declaration and masks, staggered slots, caps on count and frequency. */
@Module({
  imports: [RegistryModule, ResidentsModule],
  controllers: [VisitsHttpController],
  providers: [VisitDayRepository, VisitsService],
})
export class VisitsModule {}
