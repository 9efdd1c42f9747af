import { Controller, Get } from '@nestjs/common';
import {
  APPLICATION_KIND_LABELS,
  APPLICATION_STATUS_LABELS,
  APPLICATION_STEP_LABELS,
  DONATION_GIFT_KIND_LABELS,
  DONATION_RECIPIENT_TYPE_LABELS,
  DONATION_STATUS_LABELS,
  DONOR_KIND_LABELS,
  HOUSEHOLD_CATEGORY_LABELS,
  KEY_PERSON_CATEGORY_LABELS,
  RELIEF_REGISTER_LABELS,
  RISK_FLAG_LABELS,
  RISK_LEVEL_LABELS,
  ROUND_KIND_LABELS,
} from '@civil/contracts';
import * as applications from '../../applications/domain/application-labels';
import * as placements from '../../care-placements/domain/care-placement';
import { ROUND_STATUS_LABELS } from '../../benefit-rounds/domain/round';
import * as hotlines from '../../hotlines/domain/hotline-call';
import * as households from '../../households/domain/household-vocabulary';
import { RECHECK_CLASS_LABELS, RECHECK_OUTCOME_LABELS } from '../../households/domain/recheck';
import * as keyPersons from '../../key-person-lists/domain/labels';
import * as lowIncome from '../../low-income-monitoring/domain/labels';
import { SETTINGS } from '../../regional-settings/domain/settings';
import { VISITOR_KIND_LABELS, VOLUNTEER_KIND_LABELS } from '../../volunteers/domain/volunteer';

/** zh-CN labels of every value a person reads in this service's responses. */
@Controller('labels')
export class LabelsHttpController {
  @Get()
  labels() {
    return {
      locale: 'zh-CN',
      keyPersonCategory: KEY_PERSON_CATEGORY_LABELS,
      riskFlag: RISK_FLAG_LABELS,
      riskLevel: RISK_LEVEL_LABELS,
      householdCategory: HOUSEHOLD_CATEGORY_LABELS,
      reliefRegister: RELIEF_REGISTER_LABELS,
      applicationKind: APPLICATION_KIND_LABELS,
      applicationStatus: APPLICATION_STATUS_LABELS,
      applicationStep: APPLICATION_STEP_LABELS,
      roundKind: ROUND_KIND_LABELS,
      roundStatus: ROUND_STATUS_LABELS,
      keyPersonEntryStatus: keyPersons.ENTRY_STATUS_LABELS,
      visitMode: keyPersons.VISIT_MODE_LABELS,
      visitState: keyPersons.VISIT_STATE_LABELS,
      flagAction: keyPersons.FLAG_ACTION_LABELS,
      cadenceGroup: keyPersons.CADENCE_GROUP_LABELS,
      lowIncomeWarningKind: lowIncome.LOW_INCOME_WARNING_KIND_LABELS,
      lowIncomeWarningLevel: lowIncome.LOW_INCOME_WARNING_LEVEL_LABELS,
      lowIncomeWarningStatus: lowIncome.LOW_INCOME_WARNING_STATUS_LABELS,
      lowIncomeCheckFinding: lowIncome.LOW_INCOME_CHECK_FINDING_LABELS,
      lowIncomeSubjectType: lowIncome.LOW_INCOME_SUBJECT_TYPE_LABELS,
      lowIncomeCampaignStatus: lowIncome.LOW_INCOME_CAMPAIGN_STATUS_LABELS,
      householdStatus: households.HOUSEHOLD_STATUS_LABELS,
      householdRelation: households.RELATION_LABELS,
      memberFlag: households.MEMBER_FLAG_LABELS,
      incomeKind: households.INCOME_KIND_LABELS,
      expenseKind: households.EXPENSE_KIND_LABELS,
      supplementKind: households.SUPPLEMENT_KIND_LABELS,
      expenditurePovertyRule: households.EXPENDITURE_POVERTY_RULE_LABELS,
      singlePersonDibaoReason: households.SINGLE_PERSON_DIBAO_REASON_LABELS,
      householdExitReason: households.HOUSEHOLD_EXIT_REASON_LABELS,
      phaseOutEvent: households.PHASE_OUT_EVENT_LABELS,
      recheckClass: RECHECK_CLASS_LABELS,
      recheckOutcome: RECHECK_OUTCOME_LABELS,
      applicationFlag: applications.APPLICATION_FLAG_LABELS,
      ineligibleReason: applications.INELIGIBLE_REASON_LABELS,
      expeditedReason: applications.EXPEDITED_REASON_LABELS,
      withdrawalReason: applications.WITHDRAWAL_REASON_LABELS,
      reviewCheck: applications.REVIEW_CHECK_LABELS,
      reviewOutcome: applications.REVIEW_OUTCOME_LABELS,
      decision: applications.DECISION_LABELS,
      decisionLevel: applications.DECISION_LEVEL_LABELS,
      followUpReason: applications.FOLLOW_UP_REASON_LABELS,
      followUpResolution: applications.FOLLOW_UP_RESOLUTION_LABELS,
      supportMode: applications.SUPPORT_MODE_LABELS,
      hotline: hotlines.HOTLINE_LABELS,
      callUrgency: hotlines.CALL_URGENCY_LABELS,
      needCategory: hotlines.NEED_CATEGORY_LABELS,
      callStatus: hotlines.CALL_STATUS_LABELS,
      callRouteTarget: hotlines.ROUTE_TARGET_LABELS,
      callClosureReason: hotlines.CLOSURE_REASON_LABELS,
      donationStatus: DONATION_STATUS_LABELS,
      donorKind: DONOR_KIND_LABELS,
      donationGiftKind: DONATION_GIFT_KIND_LABELS,
      donationRecipientType: DONATION_RECIPIENT_TYPE_LABELS,
      volunteerKind: VOLUNTEER_KIND_LABELS,
      visitorKind: VISITOR_KIND_LABELS,
      placementStatus: placements.PLACEMENT_STATUS_LABELS,
      careCause: placements.CARE_CAUSE_LABELS,
      careKind: placements.CARE_KIND_LABELS,
      placementEndReason: placements.END_REASON_LABELS,
      placementRefusalReason: placements.PLACEMENT_REFUSAL_REASON_LABELS,
      regionalSetting: Object.fromEntries(Object.entries(SETTINGS).map(([k, v]) => [k, v.label])),
    };
  }
}
