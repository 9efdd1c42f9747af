import { Module } from '@nestjs/common';
import { ReportingDeadlinesService } from './application/reporting-deadlines.service';
import { DeadlineRuleRepository } from './infrastructure/deadline-rule.repository';
import { ReportingDeadlinesHttpController } from './interface/reporting-deadlines.http.controller';

@Module({
  controllers: [ReportingDeadlinesHttpController],
  providers: [DeadlineRuleRepository, ReportingDeadlinesService],
  exports: [ReportingDeadlinesService],
})
export class ReportingDeadlinesModule {}
