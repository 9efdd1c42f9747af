import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { HomesModule } from '../homes/homes.module';
import { CeremonyBookingsService } from './application/ceremony-bookings.service';
import { CeremonyRules } from './application/ceremony-rules';
import { FuneralIncidentsService } from './application/funeral-incidents.service';
import { SuspensionOrdersService } from './application/suspension-orders.service';
import { CeremonyBookingRepository, FuneralIncidentRepository, SuspensionOrderRepository } from './infrastructure/ceremony.repositories';
import { CeremoniesHttpController } from './interface/ceremonies.http.controller';

/**
 * Ceremony suspension orders per region, ceremony bookings refused while suspended, and incidents
 * such as tent funerals. Other capabilities (cases) import this module and use CeremonyRules.
 */
@Module({
  imports: [HomesModule, CasesModule],
  controllers: [CeremoniesHttpController],
  providers: [
    SuspensionOrderRepository,
    CeremonyBookingRepository,
    FuneralIncidentRepository,
    CeremonyRules,
    SuspensionOrdersService,
    CeremonyBookingsService,
    FuneralIncidentsService,
  ],
  exports: [CeremonyRules],
})
export class CeremoniesModule {}
