import { DynamicModule, Module } from '@nestjs/common';
import { RegistryModule } from '../registry/registry.module';
import { ReportingDeadlinesModule } from '../reporting-deadlines/reporting-deadlines.module';
import { ResidentsModule } from '../residents/residents.module';
import { DeadlineSweepScheduler, SWEEP_INTERVAL_MS } from './application/deadline-sweep.scheduler';
import { CorrectDailyReportService } from './application/correct-daily-report.service';
import { DeadlineSweepService } from './application/deadline-sweep.service';
import { ReportingRatesService } from './application/reporting-rates.service';
import { SubmitDailyReportService } from './application/submit-daily-report.service';
import { DailyReportRepository } from './infrastructure/daily-report.repository';
import { UnitRecordsReader } from './infrastructure/unit-records.reader';
import { DailyReportsHttpController } from './interface/daily-reports.http.controller';
import { ReportingRatesHttpController } from './interface/reporting-rates.http.controller';

/** Daily reports (日报告 / 零报告): filing, corrections until the period locks, the deadline sweep, reporting rates. */
@Module({})
export class DailyReportsModule {
  static forRoot(options: { sweepIntervalMs: number }): DynamicModule {
    return {
      module: DailyReportsModule,
      imports: [RegistryModule, ReportingDeadlinesModule, ResidentsModule],
      controllers: [DailyReportsHttpController, ReportingRatesHttpController],
      providers: [
        DailyReportRepository,
        UnitRecordsReader,
        SubmitDailyReportService,
        CorrectDailyReportService,
        ReportingRatesService,
        DeadlineSweepService,
        DeadlineSweepScheduler,
        { provide: SWEEP_INTERVAL_MS, useValue: options.sweepIntervalMs },
      ],
      exports: [DailyReportRepository],
    };
  }
}
