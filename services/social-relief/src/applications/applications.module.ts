import { Module } from '@nestjs/common';
import { HouseholdsModule } from '../households/households.module';
import { InstitutionCopyModule } from '../institution-copy/institution-copy.module';
import { PeopleModule } from '../people/people.module';
import { AcceptApplication } from './application/accept-application';
import { ApplicationChanges } from './application/application-changes';
import { DecideApplication } from './application/decide-application';
import { DisburseApplication } from './application/disburse-application';
import { EnrolApprovedApplication } from './application/enrol-approved-application';
import { ApplicationOverdueSweepScheduler } from './application/overdue-sweep.scheduler';
import { ApplicationOverdueSweep } from './application/overdue-sweep.service';
import { ReadApplication } from './application/read-application';
import { RegionalStepLimits } from './application/regional-step-limits';
import { ResolveFollowUp } from './application/resolve-follow-up';
import { ReviewApplication } from './application/review-application';
import { SubmitApplication } from './application/submit-application';
import { WithdrawApplication } from './application/withdraw-application';
import { ApplicationRepository } from './infrastructure/application.repository';
import { ApplicationsHttpController } from './interface/applications.http.controller';

/** Relief applications (申请 → 受理 → 审核 → 认定 → 发放), their time limits and the overdue sweep. */
@Module({
  imports: [PeopleModule, HouseholdsModule, InstitutionCopyModule],
  controllers: [ApplicationsHttpController],
  providers: [
    ApplicationRepository,
    RegionalStepLimits,
    ApplicationChanges,
    SubmitApplication,
    ReadApplication,
    AcceptApplication,
    ReviewApplication,
    DecideApplication,
    EnrolApprovedApplication,
    DisburseApplication,
    WithdrawApplication,
    ResolveFollowUp,
    ApplicationOverdueSweep,
    ApplicationOverdueSweepScheduler,
  ],
  exports: [SubmitApplication],
})
export class ApplicationsModule {}
