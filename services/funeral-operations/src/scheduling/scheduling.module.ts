import { Module } from '@nestjs/common';
import { HomesModule } from '../homes/homes.module';
import { CapacitySweepHooks } from './application/capacity-sweep.hooks';
import { CapacityEpisodes } from './application/capacity-episodes';
import { CapacityFigures } from './application/capacity-figures';
import { CapacitySweepScheduler } from './application/capacity-sweep.scheduler';
import { CremationQueue } from './application/cremation-queue';
import { CremationScheduler } from './application/cremation-scheduler';
import { FindAlternatives } from './application/find-alternatives';
import { ReadRegionCapacity } from './application/read-region-capacity';
import { SweepCapacity } from './application/sweep-capacity';
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
    CapacityFigures,
    CapacityEpisodes,
    SweepCapacity,
    ReadRegionCapacity,
    FindAlternatives,
    CremationQueue,
    CapacitySweepScheduler,
    CapacitySweepHooks,
  ],
  exports: [CremationScheduler, CapacityFigures, CapacityEpisodes, CustodyClaimsRepository, CapacitySweepHooks],
})
export class SchedulingModule {}
