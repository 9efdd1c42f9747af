import { EventContract, TopicContract } from './event-contract';
import { DailyReportSubmittedV1 } from './institution-monitoring/daily-report-submitted.event';
import { InstitutionRegisteredV1 } from './institution-monitoring/institution-registered.event';
import { ReportMissedV1 } from './institution-monitoring/report-missed.event';
import { InstitutionClosedV1, InstitutionReopenedV1 } from './institution-monitoring/closure.events';
import { DailyReportCorrectedV1 } from './institution-monitoring/daily-report-corrected.event';
import { InstitutionUpdatedV1 } from './institution-monitoring/institution-updated.event';
import { ResidentDiedV1, ResidentTransferredV1, SymptomCaseReportedV1 } from './institution-monitoring/resident.events';
import { SupplyShortageClearedV1, SupplyShortageDetectedV1 } from './institution-monitoring/supply.events';
import { DailyReportTopic, InstitutionTopic, ResidentTopic, SupplyTopic, VaccinationTopic } from './institution-monitoring/topics';
import { VaccinationCoverageBelowFloorV1, VaccinationCoverageRestoredV1 } from './institution-monitoring/vaccination.events';
import { RectificationIssueOpenedV1, RectificationIssueReopenedV1, RectificationIssueSignedOffV1 } from './supervision/rectification-issue.events';
import { CaseEscalatedV1 } from './supervision/case-escalated.event';
import { CaseOpenedV1 } from './supervision/case-opened.event';
import { CaseResolvedV1 } from './supervision/case-resolved.event';
import { CaseTopic, RectificationIssueTopic } from './supervision/topics';

/** Every published contract, grouped by the context that owns it. */
export const CONTRACTS_BY_CONTEXT: Record<string, { topics: TopicContract[]; events: EventContract<any>[] }> = {
  'institution-monitoring': {
    topics: [InstitutionTopic, DailyReportTopic, ResidentTopic, SupplyTopic, VaccinationTopic],
    events: [
      InstitutionRegisteredV1,
      InstitutionUpdatedV1,
      InstitutionClosedV1,
      InstitutionReopenedV1,
      DailyReportSubmittedV1,
      DailyReportCorrectedV1,
      ReportMissedV1,
      SymptomCaseReportedV1,
      ResidentTransferredV1,
      ResidentDiedV1,
      SupplyShortageDetectedV1,
      SupplyShortageClearedV1,
      VaccinationCoverageBelowFloorV1,
      VaccinationCoverageRestoredV1,
    ],
  },
  supervision: {
    topics: [CaseTopic, RectificationIssueTopic],
    events: [CaseOpenedV1, CaseEscalatedV1, CaseResolvedV1, RectificationIssueOpenedV1, RectificationIssueReopenedV1, RectificationIssueSignedOffV1],
  },
};

export const ALL_CONTRACTS: EventContract<any>[] = Object.values(CONTRACTS_BY_CONTEXT).flatMap((c) => c.events);
export const ALL_TOPICS: TopicContract[] = Object.values(CONTRACTS_BY_CONTEXT).flatMap((c) => c.topics);

export function contractByType(type: string): EventContract<any> | undefined {
  return ALL_CONTRACTS.find((c) => c.type === type);
}
