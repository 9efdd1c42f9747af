import { Module } from '@nestjs/common';
import { PeopleModule } from '../people/people.module';
import { HouseholdRegisters } from './application/household-registers';
import { HouseholdsService } from './application/households.service';
import { PhaseOutSweepScheduler } from './application/phase-out-sweep.scheduler';
import { PhaseOutSweepService } from './application/phase-out-sweep.service';
import { HouseholdRepository } from './infrastructure/household.repository';
import { HouseholdsHttpController } from './interface/households.http.controller';

/** Households: members, incomes, rigid expenses, category by rule, register enrolment, phase-out and exit. */
@Module({
  imports: [PeopleModule],
  controllers: [HouseholdsHttpController],
  providers: [HouseholdRepository, HouseholdRegisters, HouseholdsService, PhaseOutSweepService, PhaseOutSweepScheduler],
  exports: [HouseholdRegisters],
})
export class HouseholdsModule {}
