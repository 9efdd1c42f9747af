import { Module } from '@nestjs/common';
import { HomesModule } from '../homes/homes.module';
import { CapacitySweepHooks } from './application/capacity-sweep.hooks';
import { CapacitySweepScheduler } from './application/capacity-sweep.scheduler';
import { CapacityService } from './application/capacity.service';
import { CremationQueue } from './application/cremation-queue';
import { CremationScheduler } from './application/cremation-scheduler';
import { CremationScheduleRepository } from './infrastructure/cremation-schedule.repository';
import { CustodyClaimsRepository } from './infrastructure/custody-claims.repository';
import { HomeCapacityRepository } from './infrastructure/home-capacity.repository';
import { SchedulingHttpController } from './interface/scheduling.http.controller';

/** Cremation scheduling on cremators' hours, the queue, capacity episodes and alternatives. */
@Module({
  imports: [HomesModule],
  controllers: [SchedulingHttpController],
  providers: [
    CremationScheduleRepository,
    CustodyClaimsRepository,
    HomeCapacityRepository,
    CremationScheduler,
    CapacityService,
    CremationQueue,
    CapacitySweepScheduler,
    CapacitySweepHooks,
  ],
  exports: [CremationScheduler, CapacityService, CustodyClaimsRepository, CapacitySweepHooks],
})
export class SchedulingModule {}
