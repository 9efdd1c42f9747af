import { DynamicModule, Module } from '@nestjs/common';
import { Clock } from '@civil/kernel';
import { ServiceFoundationModule } from '@civil/platform';
import { InstitutionMonitoringConfig } from './config/institution-monitoring.config';
import { DeadlineSweepScheduler, SWEEP_INTERVAL_MS } from './daily-reports/application/deadline-sweep.scheduler';
import { DeadlineSweepService } from './daily-reports/application/deadline-sweep.service';
import { SubmitDailyReportService } from './daily-reports/application/submit-daily-report.service';
import { DailyReportRepository } from './daily-reports/infrastructure/daily-report.repository';
import { DailyReportsHttpController } from './daily-reports/interface/daily-reports.http.controller';
import { RegisterInstitutionService } from './registry/application/register-institution.service';
import { InstitutionRepository } from './registry/infrastructure/institution.repository';
import { InstitutionsHttpController } from './registry/interface/institutions.http.controller';
import { ReportingDeadlinesService } from './reporting-deadlines/application/reporting-deadlines.service';
import { DeadlineRuleRepository } from './reporting-deadlines/infrastructure/deadline-rule.repository';
import { ReportingDeadlinesHttpController } from './reporting-deadlines/interface/reporting-deadlines.http.controller';

export const SERVICE = 'institution-monitoring';

@Module({})
export class AppModule {
  static forRoot(config: InstitutionMonitoringConfig, clock?: Clock): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceFoundationModule.forRoot({
          service: SERVICE,
          config,
          clock,
          outboxCollections: [InstitutionRepository.COLLECTION, DailyReportRepository.COLLECTION],
        }),
      ],
      controllers: [InstitutionsHttpController, ReportingDeadlinesHttpController, DailyReportsHttpController],
      providers: [
        InstitutionRepository,
        DeadlineRuleRepository,
        DailyReportRepository,
        RegisterInstitutionService,
        ReportingDeadlinesService,
        SubmitDailyReportService,
        DeadlineSweepService,
        DeadlineSweepScheduler,
        { provide: SWEEP_INTERVAL_MS, useValue: config.SWEEP_INTERVAL_MS },
      ],
    };
  }
}
