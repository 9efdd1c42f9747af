import { Module } from '@nestjs/common';
import { EscalationLaddersService } from '../escalation-ladders/application/escalation-ladders.service';
import { EscalationLadderRepository } from '../escalation-ladders/infrastructure/escalation-ladder.repository';
import { EscalationLaddersHttpController } from '../escalation-ladders/interface/escalation-ladders.http.controller';
import { ClearDayWhenDailyReportSubmittedHandler } from './application/clear-day-when-daily-report-submitted.handler';
import { EscalateDueCasesService } from './application/escalate-due-cases.service';
import { EscalationScheduler } from './application/escalation.scheduler';
import { OpenCaseWhenReportMissedHandler } from './application/open-case-when-report-missed.handler';
import { CaseRepository } from './infrastructure/case.repository';
import { CaseSubjectRepository } from './infrastructure/case-subject.repository';
import { CasesHttpController } from './interface/cases.http.controller';
import { DailyReportEventsMessageController } from './interface/daily-report-events.message.controller';

/** Collections of this capability whose documents carry an outbox. */
export const CASES_OUTBOX = [CaseRepository.COLLECTION] as const;

/** Signal-driven cases (督办案件) and their escalation ladders. */
@Module({
  controllers: [DailyReportEventsMessageController, CasesHttpController, EscalationLaddersHttpController],
  providers: [
    CaseRepository,
    CaseSubjectRepository,
    EscalationLadderRepository,
    OpenCaseWhenReportMissedHandler,
    ClearDayWhenDailyReportSubmittedHandler,
    EscalateDueCasesService,
    EscalationScheduler,
    EscalationLaddersService,
  ],
  exports: [CaseRepository, EscalationLadderRepository],
})
export class CasesModule {}
