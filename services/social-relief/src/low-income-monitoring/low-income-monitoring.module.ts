import { Module } from '@nestjs/common';
import { ApplicationsModule } from '../applications/applications.module';
import { HouseholdsModule } from '../households/households.module';
import { PeopleModule } from '../people/people.module';
import { Campaigns } from './application/campaigns';
import { FileCheck } from './application/file-check';
import { ImportWarnings } from './application/import-warnings';
import { ListWarnings } from './application/list-warnings';
import { ReadWarning } from './application/read-warning';
import { WarningGrading } from './application/warning-grading';
import { WarningOverdueSweepScheduler } from './application/warning-overdue-sweep.scheduler';
import { WarningOverdueSweep } from './application/warning-overdue-sweep.service';
import { CampaignRepository } from './infrastructure/campaign.repository';
import { LowIncomeWarningRepository } from './infrastructure/low-income-warning.repository';
import { LowIncomeCampaignsHttpController, LowIncomeWarningsHttpController } from './interface/low-income-monitoring.http.controller';

/** Low-income dynamic monitoring (低收入人口动态监测): warnings, home checks, the overdue sweep, the yearly campaign. */
@Module({
  imports: [PeopleModule, HouseholdsModule, ApplicationsModule],
  controllers: [LowIncomeWarningsHttpController, LowIncomeCampaignsHttpController],
  providers: [
    LowIncomeWarningRepository,
    CampaignRepository,
    WarningGrading,
    ImportWarnings,
    ListWarnings,
    ReadWarning,
    FileCheck,
    Campaigns,
    WarningOverdueSweep,
    WarningOverdueSweepScheduler,
  ],
})
export class LowIncomeMonitoringModule {}
