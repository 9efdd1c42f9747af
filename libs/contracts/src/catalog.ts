import { EventContract, TopicContract } from './event-contract';
import { DailyReportSubmittedV1 } from './institution-monitoring/daily-report-submitted.event';
import { InstitutionRegisteredV1 } from './institution-monitoring/institution-registered.event';
import { ReportMissedV1 } from './institution-monitoring/report-missed.event';
import { InstitutionClosedV1, InstitutionReopenedV1 } from './institution-monitoring/closure.events';
import { DailyReportCorrectedV1 } from './institution-monitoring/daily-report-corrected.event';
import { InstitutionUpdatedV1 } from './institution-monitoring/institution-updated.event';
import { ResidentDiedV1, ResidentTransferredV1, SymptomCaseEndedV1, SymptomCaseReportedV1 } from './institution-monitoring/resident.events';
import { SupplyShortageClearedV1, SupplyShortageDetectedV1, SupplyStockUnaccountedV1 } from './institution-monitoring/supply.events';
import { DailyReportInconsistentV1 } from './institution-monitoring/daily-report-inconsistent.event';
import {
  DailyReportTopic,
  InstitutionTopic,
  PlacementTopic,
  ResidentTopic,
  ServiceWindowTopic,
  SupplyTopic,
  VaccinationTopic,
} from './institution-monitoring/topics';
import {
  MarriageAppointmentCancelledV1,
  PlacementHeldV1,
  PlacementResumedV1,
  ServiceDaySuspendedV1,
} from './institution-monitoring/service-window.events';
import {
  StaffVaccinationClearedV1,
  StaffVaccinationNotClearedV1,
  VaccinationCoverageBelowFloorV1,
  VaccinationCoverageRestoredV1,
} from './institution-monitoring/vaccination.events';
import {
  RectificationEvidenceSubmittedV1,
  RectificationIssueOpenedV1,
  RectificationIssueOverdueV1,
  RectificationIssueReopenedV1,
  RectificationIssueSignedOffV1,
  RectificationRevisitedV1,
} from './supervision/rectification-issue.events';
import { CaseEscalatedV1 } from './supervision/case-escalated.event';
import { CaseOpenedV1 } from './supervision/case-opened.event';
import { CaseResolvedV1 } from './supervision/case-resolved.event';
import { AccountabilityCaseOpenedV1, AccountabilityOutcomeDecidedV1 } from './supervision/accountability.events';
import { DirectiveIssuedV1, DirectiveStepFiledV1, DirectiveStepMissedV1 } from './supervision/directive.events';
import { InspectionCompletedV1, InspectionScheduledV1, InspectionStartedV1 } from './supervision/inspection.events';
import { SelfInspectionMissedV1, SelfInspectionReportedV1 } from './supervision/self-inspection.events';
import {
  AccountabilityTopic,
  CaseTopic,
  DirectiveTopic,
  InspectionTopic,
  RectificationIssueTopic,
  SelfInspectionTopic,
} from './supervision/topics';
import {
  CapacityRecoveredV1,
  CapacityStrainedV1,
  CeremoniesSuspendedV1,
  CeremonySuspensionLiftedV1,
  DisinfectionRoundMissedV1,
  EquipmentFaultReportedV1,
  EquipmentRepairedV1,
  FuneralCaseMovedV1,
  MaintenanceCheckMissedV1,
} from './funeral-operations/funeral.events';
import { CeremonyTopic, EquipmentTopic, FuneralCaseTopic, FuneralHomeTopic } from './funeral-operations/topics';
import {
  ApplicationAcceptedV1,
  ApplicationDecidedV1,
  ApplicationDisbursedV1,
  ApplicationOverdueV1,
  ApplicationReviewedV1,
  ApplicationSubmittedV1,
  ApplicationWithdrawnV1,
} from './social-relief/application.events';
import { EntitlementIssuedV1, EntitlementRedeemedV1 } from './social-relief/benefit.events';
import { DonationAllocatedV1, DonationDeliveredV1, DonationReceivedV1, DonationTopic } from './social-relief/donation.events';
import { HouseholdCategoryDeterminedV1, HouseholdExitedV1, HouseholdPhaseOutStartedV1 } from './social-relief/household.events';
import { HotlineCallOverdueClearedV1, HotlineCallOverdueV1, HotlineTopic } from './social-relief/hotline.events';
import {
  CarePlacementTopic,
  ChildPlacementEndedV1,
  ChildPlacementOverdueClearedV1,
  ChildPlacementOverdueV1,
  ChildPlacementRequestedV1,
} from './social-relief/care-placement.events';
import { ChildPlacementAdmittedV1, ChildPlacementRefusedV1, TemporaryCareTopic } from './institution-monitoring/temporary-care.events';
import { RiskFlagRaisedV1, VisitOverdueEndedV1, VisitOverdueV1 } from './social-relief/key-person.events';
import { RecheckMissedV1, RecheckRecordedV1 } from './social-relief/recheck.events';
import { LowIncomeWarningCheckedV1, LowIncomeWarningOverdueV1 } from './social-relief/low-income-monitoring.events';
import { AreaRiskLevelChangedV1, ReliefStatusChangedV1 } from './social-relief/relief-status.events';
import {
  ApplicationTopic,
  AreaRiskTopic,
  BenefitTopic,
  HouseholdTopic,
  KeyPersonTopic,
  LowIncomeMonitoringTopic,
  ReliefStatusTopic,
} from './social-relief/topics';

/** Every published contract, grouped by the context that owns it. */
export const CONTRACTS_BY_CONTEXT: Record<string, { topics: TopicContract[]; events: EventContract<any>[] }> = {
  'institution-monitoring': {
    topics: [
      InstitutionTopic,
      DailyReportTopic,
      ResidentTopic,
      SupplyTopic,
      VaccinationTopic,
      ServiceWindowTopic,
      PlacementTopic,
      TemporaryCareTopic,
    ],
    events: [
      InstitutionRegisteredV1,
      InstitutionUpdatedV1,
      InstitutionClosedV1,
      InstitutionReopenedV1,
      DailyReportSubmittedV1,
      DailyReportCorrectedV1,
      ReportMissedV1,
      DailyReportInconsistentV1,
      SymptomCaseReportedV1,
      ResidentTransferredV1,
      SymptomCaseEndedV1,
      ResidentDiedV1,
      SupplyShortageDetectedV1,
      SupplyShortageClearedV1,
      SupplyStockUnaccountedV1,
      VaccinationCoverageBelowFloorV1,
      VaccinationCoverageRestoredV1,
      StaffVaccinationNotClearedV1,
      StaffVaccinationClearedV1,
      ServiceDaySuspendedV1,
      MarriageAppointmentCancelledV1,
      PlacementHeldV1,
      PlacementResumedV1,
      ChildPlacementAdmittedV1,
      ChildPlacementRefusedV1,
    ],
  },
  'social-relief': {
    topics: [
      KeyPersonTopic,
      HouseholdTopic,
      ApplicationTopic,
      BenefitTopic,
      ReliefStatusTopic,
      AreaRiskTopic,
      HotlineTopic,
      DonationTopic,
      LowIncomeMonitoringTopic,
      CarePlacementTopic,
    ],
    events: [
      VisitOverdueV1,
      VisitOverdueEndedV1,
      RiskFlagRaisedV1,
      HouseholdCategoryDeterminedV1,
      HouseholdPhaseOutStartedV1,
      HouseholdExitedV1,
      RecheckMissedV1,
      RecheckRecordedV1,
      ApplicationSubmittedV1,
      ApplicationAcceptedV1,
      ApplicationReviewedV1,
      ApplicationDecidedV1,
      ApplicationDisbursedV1,
      ApplicationWithdrawnV1,
      ApplicationOverdueV1,
      EntitlementIssuedV1,
      EntitlementRedeemedV1,
      ReliefStatusChangedV1,
      AreaRiskLevelChangedV1,
      HotlineCallOverdueV1,
      HotlineCallOverdueClearedV1,
      DonationReceivedV1,
      DonationAllocatedV1,
      DonationDeliveredV1,
      LowIncomeWarningOverdueV1,
      LowIncomeWarningCheckedV1,
      ChildPlacementRequestedV1,
      ChildPlacementEndedV1,
      ChildPlacementOverdueV1,
      ChildPlacementOverdueClearedV1,
    ],
  },
  'funeral-operations': {
    topics: [FuneralCaseTopic, EquipmentTopic, FuneralHomeTopic, CeremonyTopic],
    events: [
      FuneralCaseMovedV1,
      EquipmentFaultReportedV1,
      EquipmentRepairedV1,
      MaintenanceCheckMissedV1,
      CapacityStrainedV1,
      CapacityRecoveredV1,
      DisinfectionRoundMissedV1,
      CeremoniesSuspendedV1,
      CeremonySuspensionLiftedV1,
    ],
  },
  supervision: {
    topics: [CaseTopic, RectificationIssueTopic, AccountabilityTopic, DirectiveTopic, InspectionTopic, SelfInspectionTopic],
    events: [
      CaseOpenedV1,
      CaseEscalatedV1,
      CaseResolvedV1,
      RectificationIssueOpenedV1,
      RectificationIssueReopenedV1,
      RectificationIssueSignedOffV1,
      RectificationEvidenceSubmittedV1,
      RectificationRevisitedV1,
      RectificationIssueOverdueV1,
      AccountabilityCaseOpenedV1,
      AccountabilityOutcomeDecidedV1,
      DirectiveIssuedV1,
      DirectiveStepMissedV1,
      DirectiveStepFiledV1,
      SelfInspectionReportedV1,
      SelfInspectionMissedV1,
      InspectionScheduledV1,
      InspectionStartedV1,
      InspectionCompletedV1,
    ],
  },
};

export const ALL_CONTRACTS: EventContract<any>[] = Object.values(CONTRACTS_BY_CONTEXT).flatMap((c) => c.events);
export const ALL_TOPICS: TopicContract[] = Object.values(CONTRACTS_BY_CONTEXT).flatMap((c) => c.topics);

export function contractByType(type: string): EventContract<any> | undefined {
  return ALL_CONTRACTS.find((c) => c.type === type);
}
