import { Module } from '@nestjs/common';
import { RegistryModule } from '../registry/registry.module';
import { ClosedManagementService } from './application/closed-management.service';
import { ClosureOrderRepository } from './infrastructure/closure-order.repository';
import { ClosuresHttpController } from './interface/closures.http.controller';

@Module({
  imports: [RegistryModule],
  controllers: [ClosuresHttpController],
  providers: [ClosureOrderRepository, ClosedManagementService],
})
export class ClosuresModule {}
