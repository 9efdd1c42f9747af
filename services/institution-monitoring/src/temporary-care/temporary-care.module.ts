import { Module } from '@nestjs/common';
import { RegistryModule } from '../registry/registry.module';
import { ResidentsModule } from '../residents/residents.module';
import { TemporaryCareService } from './application/temporary-care.service';
import { PlacementRequestRepository } from './infrastructure/placement-request.repository';
import { TemporaryCareEventsMessageController } from './interface/temporary-care-events.message.controller';

/** Temporary care (临时照料) of children left without care, at social relief's request: admission, the answer, discharge at the end. */
@Module({
  imports: [RegistryModule, ResidentsModule],
  controllers: [TemporaryCareEventsMessageController],
  providers: [PlacementRequestRepository, TemporaryCareService],
})
export class TemporaryCareModule {}
