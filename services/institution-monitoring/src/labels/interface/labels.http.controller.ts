import { Controller, Get } from '@nestjs/common';
import {
  DEATH_CAUSE_LABELS,
  OPERATOR_LABELS,
  PLACEMENT_REFUSAL_REASON_LABELS,
  SUPPLY_ITEM_LABELS,
  SYMPTOM_LABELS,
  UNIT_TYPE_LABELS,
  VACCINATION_GROUP_LABELS,
} from '@civil/contracts';
import { PLACEMENT_KIND_LABELS, PLACEMENT_STATUS_LABELS } from '../../closures/domain/placement';
import { REPORT_STATUS_LABELS } from '../../daily-reports/domain/daily-report';
import { REPORT_FACT_RULE_LABELS } from '../../daily-reports/domain/report-facts';
import { APPOINTMENT_STATUS_LABELS, CANCELLATION_CAUSE_LABELS, WINDOW_REFUSAL_LABELS } from '../../service-windows/domain/window-day';
import { SETTINGS } from '../../regional-settings/domain/settings';
import { INSTITUTION_STATUS_LABELS } from '../../registry/domain/institution';
import {
  ISOLATION_REASON_LABELS,
  LEAVE_PURPOSE_LABELS,
  LEAVE_STATUS_LABELS,
  RESIDENT_STATUS_LABELS,
  SYMPTOM_CASE_STATUS_LABELS,
} from '../../residents/domain/resident-status';
import { COVERAGE_SOURCE_LABELS } from '../../vaccination/domain/coverage-sources';
import { STAFF_CATEGORY_LABELS } from '../../vaccination/domain/staff-roll';
import { VACCINATION_STATUS_LABELS } from '../../vaccination/domain/vaccination-status';
import { RELATION_LABELS, VISIT_REFUSAL_LABELS, VISIT_STATUS_LABELS } from '../../visits/domain/visit';

/** zh-CN labels of every value a person reads in this service's responses, for screens to show. */
@Controller('labels')
export class LabelsHttpController {
  @Get()
  labels() {
    return {
      locale: 'zh-CN',
      unitType: UNIT_TYPE_LABELS,
      operator: OPERATOR_LABELS,
      institutionStatus: INSTITUTION_STATUS_LABELS,
      reportStatus: REPORT_STATUS_LABELS,
      reportFactRule: REPORT_FACT_RULE_LABELS,
      placementRefusalReason: PLACEMENT_REFUSAL_REASON_LABELS,
      supplyItem: SUPPLY_ITEM_LABELS,
      symptom: SYMPTOM_LABELS,
      deathCause: DEATH_CAUSE_LABELS,
      vaccinationGroup: VACCINATION_GROUP_LABELS,
      vaccinationStatus: VACCINATION_STATUS_LABELS,
      vaccinationSource: COVERAGE_SOURCE_LABELS,
      staffCategory: STAFF_CATEGORY_LABELS,
      residentStatus: RESIDENT_STATUS_LABELS,
      isolationReason: ISOLATION_REASON_LABELS,
      leavePurpose: LEAVE_PURPOSE_LABELS,
      leaveStatus: LEAVE_STATUS_LABELS,
      symptomCaseStatus: SYMPTOM_CASE_STATUS_LABELS,
      visitStatus: VISIT_STATUS_LABELS,
      visitorRelation: RELATION_LABELS,
      visitRefusal: VISIT_REFUSAL_LABELS,
      marriageAppointmentStatus: APPOINTMENT_STATUS_LABELS,
      appointmentCancellationCause: CANCELLATION_CAUSE_LABELS,
      serviceWindowRefusal: WINDOW_REFUSAL_LABELS,
      placementKind: PLACEMENT_KIND_LABELS,
      placementStatus: PLACEMENT_STATUS_LABELS,
      regionalSetting: Object.fromEntries(Object.entries(SETTINGS).map(([k, v]) => [k, v.label])),
    };
  }
}
