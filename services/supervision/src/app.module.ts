import { DynamicModule, Module } from '@nestjs/common';
import { Clock } from '@civil/kernel';
import { ServiceFoundationModule } from '@civil/platform';
import { ClearDayWhenDailyReportSubmittedHandler } from './cases/application/clear-day-when-daily-report-submitted.handler';
import { EscalateDueCasesService } from './cases/application/escalate-due-cases.service';
import { ESCALATION_INTERVAL_MS, EscalationScheduler } from './cases/application/escalation.scheduler';
import { OpenCaseWhenReportMissedHandler } from './cases/application/open-case-when-report-missed.handler';
import { CaseRepository } from './cases/infrastructure/case.repository';
import { CaseSubjectRepository } from './cases/infrastructure/case-subject.repository';
import { CasesHttpController } from './cases/interface/cases.http.controller';
import { DailyReportEventsMessageController } from './cases/interface/daily-report-events.message.controller';
import { SupervisionConfig } from './config/supervision.config';
import { EscalationLaddersService } from './escalation-ladders/application/escalation-ladders.service';
import { EscalationLadderRepository } from './escalation-ladders/infrastructure/escalation-ladder.repository';
import { EscalationLaddersHttpController } from './escalation-ladders/interface/escalation-ladders.http.controller';

export const SERVICE = 'supervision';

@Module({})
export class AppModule {
  static forRoot(config: SupervisionConfig, clock?: Clock): DynamicModule {
    return {
      module: AppModule,
      imports: [ServiceFoundationModule.forRoot({ service: SERVICE, config, clock, outboxCollections: [CaseRepository.COLLECTION] })],
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
        { provide: ESCALATION_INTERVAL_MS, useValue: config.ESCALATION_INTERVAL_MS },
      ],
    };
  }
}
