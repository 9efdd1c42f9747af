import { Controller, Get } from '@nestjs/common';
import { CAPACITY_MEASURE_LABELS, CEREMONY_KIND_LABELS, EQUIPMENT_KIND_LABELS, FUNERAL_CASE_STATUS_LABELS } from '@civil/contracts';
import { CASE_FLAG_LABELS, CASE_ORIGIN_LABELS, CUSTODY_KIND_LABELS, FEE_WAIVER_LABELS } from '../../cases/domain/funeral-case';
import { WAIVER_REGISTER_LABELS } from '../../cases/domain/fee-waiver';
import { BOOKING_STATUS_LABELS, ORDER_STATUS_LABELS } from '../../ceremonies/domain/ceremony-suspension';
import { INCIDENT_KIND_LABELS, INCIDENT_STATUS_LABELS } from '../../ceremonies/domain/funeral-incident';
import { AREA_STATE_LABELS, DUE_OUTCOME_LABELS } from '../../disinfection/domain/disinfection';
import { STAFF_ROLE_LABELS } from '../../homes/domain/funeral-home';
import { CHECK_RESULT_LABELS, CHECK_STATE_LABELS, FAULT_STATUS_LABELS } from '../../maintenance/domain/maintenance';
import { SETTINGS } from '../../regional-settings/domain/settings';
import { CAPACITY_STATE_LABELS } from '../../scheduling/domain/capacity';

/** zh-CN labels of every value a person reads in this service's responses. */
@Controller('labels')
export class LabelsHttpController {
  @Get()
  labels() {
    return {
      locale: 'zh-CN',
      caseStatus: FUNERAL_CASE_STATUS_LABELS,
      caseOrigin: CASE_ORIGIN_LABELS,
      caseFlag: CASE_FLAG_LABELS,
      custodyKind: CUSTODY_KIND_LABELS,
      feeWaiver: FEE_WAIVER_LABELS,
      waiverRegister: WAIVER_REGISTER_LABELS,
      equipmentKind: EQUIPMENT_KIND_LABELS,
      staffRole: STAFF_ROLE_LABELS,
      checkResult: CHECK_RESULT_LABELS,
      checkState: CHECK_STATE_LABELS,
      faultStatus: FAULT_STATUS_LABELS,
      capacityMeasure: CAPACITY_MEASURE_LABELS,
      capacityState: CAPACITY_STATE_LABELS,
      disinfectionAreaState: AREA_STATE_LABELS,
      disinfectionOutcome: DUE_OUTCOME_LABELS,
      ceremonyKind: CEREMONY_KIND_LABELS,
      suspensionOrderStatus: ORDER_STATUS_LABELS,
      ceremonyBookingStatus: BOOKING_STATUS_LABELS,
      incidentKind: INCIDENT_KIND_LABELS,
      incidentStatus: INCIDENT_STATUS_LABELS,
      regionalSetting: Object.fromEntries(Object.entries(SETTINGS).map(([k, v]) => [k, v.label])),
    };
  }
}
