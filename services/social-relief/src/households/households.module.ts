import { Module } from '@nestjs/common';
import { PeopleModule } from '../people/people.module';
import { AddMember } from './application/add-member';
import { AssessHousehold } from './application/assess-household';
import { ChangeMember } from './application/change-member';
import { CreateHousehold } from './application/create-household';
import { HouseholdChanges } from './application/household-changes';
import { HouseholdRegisters } from './application/household-registers';
import { ListAssessments } from './application/list-assessments';
import { ListHouseholds } from './application/list-households';
import { MemberPeople } from './application/member-people';
import { PhaseOutSweepScheduler } from './application/phase-out-sweep.scheduler';
import { PhaseOutSweepService } from './application/phase-out-sweep.service';
import { ReadHousehold } from './application/read-household';
import { ReadRechecks } from './application/read-rechecks';
import { RecheckSettingsReader } from './application/recheck-settings';
import { RecheckSweepScheduler } from './application/recheck-sweep.scheduler';
import { RecheckSweepService } from './application/recheck-sweep.service';
import { RecordRecheck } from './application/record-recheck';
import { RemoveMember } from './application/remove-member';
import { UpdateFinances } from './application/update-finances';
import { HouseholdRepository } from './infrastructure/household.repository';
import { HouseholdsHttpController } from './interface/households.http.controller';

/** Households: members, incomes, rigid expenses, category by rule, register enrolment, periodic re-checks, phase-out and exit. */
@Module({
  imports: [PeopleModule],
  controllers: [HouseholdsHttpController],
  providers: [
    HouseholdRepository,
    HouseholdRegisters,
    HouseholdChanges,
    MemberPeople,
    CreateHousehold,
    ListHouseholds,
    ReadHousehold,
    UpdateFinances,
    AddMember,
    ChangeMember,
    RemoveMember,
    AssessHousehold,
    ListAssessments,
    PhaseOutSweepService,
    PhaseOutSweepScheduler,
    RecheckSettingsReader,
    RecordRecheck,
    ReadRechecks,
    RecheckSweepService,
    RecheckSweepScheduler,
  ],
  exports: [HouseholdRegisters, HouseholdRepository],
})
export class HouseholdsModule {}
