import { Module } from '@nestjs/common';
import { HomesModule } from '../homes/homes.module';
import { DisinfectionService } from './application/disinfection.service';
import { MissedRoundSweepScheduler } from './application/missed-round-sweep.scheduler';
import { DisinfectionDayRepository } from './infrastructure/disinfection-day.repository';
import { DisinfectionHttpController } from './interface/disinfection.http.controller';

/** The disinfection log of crowded areas (every 2 hours during opening time) and the missed-round sweep. */
@Module({
  imports: [HomesModule],
  controllers: [DisinfectionHttpController],
  providers: [DisinfectionDayRepository, DisinfectionService, MissedRoundSweepScheduler],
})
export class DisinfectionModule {}
