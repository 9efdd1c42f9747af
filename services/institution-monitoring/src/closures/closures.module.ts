import { Module } from '@nestjs/common';
import { RegistryModule } from '../registry/registry.module';
import { ClosedManagementService } from './application/closed-management.service';
import { PlacementsService } from './application/placements.service';
import { ClosureOrderRepository } from './infrastructure/closure-order.repository';
import { PlacementRepository } from './infrastructure/placement.repository';
import { ClosureEventsMessageController } from './interface/closure-events.message.controller';
import { ClosuresHttpController } from './interface/closures.http.controller';
import { PlacementsHttpController } from './interface/placements.http.controller';

/** Closed management (封闭管理), and the placements it stops (暂停送养, 暂停送返寻亲). */
@Module({
  imports: [RegistryModule],
  controllers: [ClosuresHttpController, PlacementsHttpController, ClosureEventsMessageController],
  providers: [ClosureOrderRepository, ClosedManagementService, PlacementRepository, PlacementsService],
})
export class ClosuresModule {}
