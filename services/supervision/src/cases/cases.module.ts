import { Module } from '@nestjs/common';
import { EscalationLaddersService } from '../escalation-ladders/application/escalation-ladders.service';
import { EscalationLadderRepository } from '../escalation-ladders/infrastructure/escalation-ladder.repository';
import { EscalationLaddersHttpController } from '../escalation-ladders/interface/escalation-ladders.http.controller';
import { CaseActionsService } from './application/case-actions.service';
import { CaseSignalsService } from './application/case-signals.service';
import { CaseSweepScheduler } from './application/case-sweep.scheduler';
import { EquipmentFaultWatchService } from './application/equipment-fault-watch.service';
import { EscalateDueCasesService } from './application/escalate-due-cases.service';
import { EscalationScheduler } from './application/escalation.scheduler';
import { CaseRepository } from './infrastructure/case.repository';
import { EquipmentFaultWatchRepository } from './infrastructure/equipment-fault-watch.repository';
import { CasesHttpController } from './interface/cases.http.controller';
import { FuneralSignalsMessageController } from './interface/funeral-signals.message.controller';
import { InstitutionSignalsMessageController } from './interface/institution-signals.message.controller';
import { SocialReliefSignalsMessageController } from './interface/social-relief-signals.message.controller';
import { SupervisionSignalsMessageController } from './interface/supervision-signals.message.controller';

/** Signal-driven cases (督办案件) from every upstream service's signals, and their escalation ladders. */
@Module({
  controllers: [
    InstitutionSignalsMessageController,
    SocialReliefSignalsMessageController,
    FuneralSignalsMessageController,
    SupervisionSignalsMessageController,
    CasesHttpController,
    EscalationLaddersHttpController,
  ],
  providers: [
    CaseRepository,
    EscalationLadderRepository,
    EquipmentFaultWatchRepository,
    CaseSignalsService,
    CaseActionsService,
    EquipmentFaultWatchService,
    CaseSweepScheduler,
    EscalateDueCasesService,
    EscalationScheduler,
    EscalationLaddersService,
  ],
  exports: [CaseRepository, EscalationLadderRepository, CaseActionsService],
})
export class CasesModule {}
