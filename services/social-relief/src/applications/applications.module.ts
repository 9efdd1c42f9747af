import { Module } from '@nestjs/common';
import { HouseholdsModule } from '../households/households.module';
import { InstitutionCopyModule } from '../institution-copy/institution-copy.module';
import { PeopleModule } from '../people/people.module';
import { ApplicationsService } from './application/applications.service';
import { ApplicationOverdueSweepScheduler } from './application/overdue-sweep.scheduler';
import { ApplicationOverdueSweep } from './application/overdue-sweep.service';
import { ApplicationRepository } from './infrastructure/application.repository';
import { ApplicationsHttpController } from './interface/applications.http.controller';

/** Relief applications (申请 → 受理 → 审核 → 认定 → 发放), their time limits and the overdue sweep. */
@Module({
  imports: [PeopleModule, HouseholdsModule, InstitutionCopyModule],
  controllers: [ApplicationsHttpController],
  providers: [ApplicationRepository, ApplicationsService, ApplicationOverdueSweep, ApplicationOverdueSweepScheduler],
  exports: [ApplicationsService],
})
export class ApplicationsModule {}
