import { Module } from '@nestjs/common';
import { OverdueSweepScheduler } from './application/overdue-sweep.scheduler';
import { OverdueSweepService } from './application/overdue-sweep.service';
import { IssueChanges } from './application/issue-changes';
import { ListIssues } from './application/list-issues';
import { OpenIssue } from './application/open-issue';
import { OpenIssueFromFinding } from './application/open-issue-from-finding';
import { ReadIssue } from './application/read-issue';
import { RecordRevisit } from './application/record-revisit';
import { SignOffIssue } from './application/sign-off-issue';
import { SubmitEvidence } from './application/submit-evidence';
import { SummarizeIssues } from './application/summarize-issues';
import { RectificationIssueRepository } from './infrastructure/rectification-issue.repository';
import { RectificationIssuesHttpController } from './interface/rectification-issues.http.controller';

/** The issue list (问题清单) from the rectification notice to sign-off (销号). */
@Module({
  controllers: [RectificationIssuesHttpController],
  providers: [
    RectificationIssueRepository,
    IssueChanges,
    OpenIssueFromFinding,
    OpenIssue,
    SubmitEvidence,
    RecordRevisit,
    SignOffIssue,
    ReadIssue,
    ListIssues,
    SummarizeIssues,
    OverdueSweepService,
    OverdueSweepScheduler,
  ],
  exports: [OpenIssueFromFinding, SummarizeIssues],
})
export class RectificationModule {}
