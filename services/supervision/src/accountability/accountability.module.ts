import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { AccountabilityRulesService } from './application/accountability-rules.service';
import { AccountabilityService } from './application/accountability.service';
import { OpenAccountabilityWhenCaseEscalatedHandler } from './application/open-accountability-when-case-escalated.handler';
import { AccountabilityCaseRepository } from './infrastructure/accountability-case.repository';
import { AccountabilityRuleRepository } from './infrastructure/accountability-rule.repository';
import { AccountabilityHttpController } from './interface/accountability.http.controller';
import { ResidentTransferredMessageController } from './interface/resident-transferred.message.controller';
import { OpenAccountabilityWhenTransferLateHandler } from './application/open-accountability-when-transfer-late.handler';
import { CaseEscalatedMessageController } from './interface/case-escalated.message.controller';
import { ConfirmSuspicion } from './application/confirm-suspicion';
import { SuspicionsHttpController } from './interface/suspicions.http.controller';

/**
 * Accountability cases (问责): opened by hand or when a supervision case reaches its rule level,
 * decided once by a discipline officer. AccountabilityService.summary feeds the workload view.
 */
@Module({
  imports: [CasesModule],
  controllers: [
    AccountabilityHttpController,
    CaseEscalatedMessageController,
    ResidentTransferredMessageController,
    SuspicionsHttpController,
  ],
  providers: [
    AccountabilityCaseRepository,
    AccountabilityRuleRepository,
    AccountabilityService,
    AccountabilityRulesService,
    OpenAccountabilityWhenCaseEscalatedHandler,
    OpenAccountabilityWhenTransferLateHandler,
    ConfirmSuspicion,
  ],
  exports: [AccountabilityService],
})
export class AccountabilityModule {}
