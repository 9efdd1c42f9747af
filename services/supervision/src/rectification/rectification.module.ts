import { Module } from '@nestjs/common';
import { OverdueSweepScheduler } from './application/overdue-sweep.scheduler';
import { OverdueSweepService } from './application/overdue-sweep.service';
import { RectificationIssuesService } from './application/rectification-issues.service';
import { RectificationIssueRepository } from './infrastructure/rectification-issue.repository';
import { RectificationIssuesHttpController } from './interface/rectification-issues.http.controller';

/** The issue list (问题清单) from the rectification notice to sign-off (销号). */
@Module({
  controllers: [RectificationIssuesHttpController],
  providers: [RectificationIssueRepository, RectificationIssuesService, OverdueSweepService, OverdueSweepScheduler],
  exports: [RectificationIssuesService],
})
export class RectificationModule {}
