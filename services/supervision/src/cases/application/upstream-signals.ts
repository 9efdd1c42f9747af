import type {
  ApplicationOverdue,
  ApplicationTransition,
  CapacityRecovered,
  CapacityStrained,
  DailyReportInconsistent,
  DailyReportSubmitted,
  DirectiveStepFiled,
  DirectiveStepMissed,
  DisinfectionRoundMissed,
  HotlineCallOverdue,
  HotlineCallOverdueCleared,
  ChildPlacementOverdue,
  ChildPlacementOverdueCleared,
  EquipmentRepaired,
  LowIncomeWarningChecked,
  LowIncomeWarningOverdue,
  RectificationIssueOverdue,
  RectificationIssueSignedOff,
  RecheckMissed,
  SelfInspectionMissed,
  SelfInspectionReported,
  RecheckRecorded,
  ReportMissed,
  ResidentTransferred,
  SupplyShortageCleared,
  SupplyShortageDetected,
  SupplyStockUnaccounted,
  SymptomCaseEnded,
  SymptomCaseReported,
  StaffVaccinationCleared,
  StaffVaccinationNotCleared,
  VaccinationCoverageBelowFloor,
  VaccinationCoverageRestored,
  VisitOverdue,
  VisitOverdueEnded,
} from '@civil/contracts';
import type { EquipmentFaultWatch } from '../domain/equipment-fault-watch';
import type { ClearingSignal, OpeningSignal } from './case-signals.service';

/**
 * Which upstream event opens which kind of case, about what, and which event clears it. The
 * subject is what one case is about (a unit, a key-person entry, an application, a piece of
 * equipment, a funeral home); the item is what stays outstanding until cleared.
 */
export const openingSignal = {
  reportMissed: (e: ReportMissed): OpeningSignal => ({
    caseType: 'report-missed',
    subjectId: e.unitId,
    unitId: e.unitId,
    divisionCode: e.divisionCode,
    item: e.reportDate,
    note: `no report for ${e.reportDate} (未按时报送日报)`,
  }),
  symptomCase: (e: SymptomCaseReported): OpeningSignal => ({
    caseType: 'symptom-case',
    subjectId: e.unitId,
    unitId: e.unitId,
    divisionCode: e.divisionCode,
    item: e.symptomCaseId,
    urgent: e.urgent,
    note: `symptom case ${e.symptomCaseId} (${e.symptoms.join(', ') || 'fever'}); ${e.casesSinceLastReport} since the last report`,
  }),
  supplyShortage: (e: SupplyShortageDetected): OpeningSignal => ({
    caseType: 'supply-shortage',
    subjectId: e.unitId,
    unitId: e.unitId,
    divisionCode: e.divisionCode,
    item: e.episodeId,
    note: `${e.item}: ${e.daysOfCover} days of cover, floor ${e.floorDays}`,
  }),
  vaccinationBelowFloor: (e: VaccinationCoverageBelowFloor): OpeningSignal => ({
    caseType: 'vaccination-below-floor',
    subjectId: e.unitId,
    unitId: e.unitId,
    divisionCode: e.divisionCode,
    item: e.episodeId,
    note: `${e.group} coverage ${e.coverage} below floor ${e.floor}; ${e.unvaccinatedEligible} eligible unvaccinated`,
  }),
  /** A staff roll not cleared (清零) by the region's due date: one case per roll, one item per due date. */
  staffVaccinationNotCleared: (e: StaffVaccinationNotCleared): OpeningSignal => ({
    caseType: 'staff-vaccination-not-cleared',
    subjectId: e.rollId,
    unitId: e.unitId,
    divisionCode: e.divisionCode,
    item: e.dueDate,
    note: `staff roll ${e.rollId}: ${e.unvaccinatedEligible} of ${e.eligible} eligible still unvaccinated after ${e.dueDate} (应种人员接种清零)`,
  }),
  visitOverdue: (e: VisitOverdue): OpeningSignal => ({
    caseType: 'visit-overdue',
    subjectId: e.entryId,
    unitId: null,
    divisionCode: e.divisionCode,
    item: e.episodeId,
    note: `key person (${e.categories.join(', ')}) not visited since ${e.lastVisitAt ?? 'listing'}; due ${e.dueAt}`,
  }),
  applicationOverdue: (e: ApplicationOverdue): OpeningSignal => ({
    caseType: 'application-overdue',
    subjectId: e.applicationId,
    unitId: null,
    divisionCode: e.divisionCode,
    item: e.status,
    note: `应救未救风险: ${e.kind} application past the ${e.step} limit (due ${e.dueAt})`,
  }),
  /** A low-income warning not checked at home (入户核查) within its grade's limit: one case per warning. */
  lowIncomeWarningOverdue: (e: LowIncomeWarningOverdue): OpeningSignal => ({
    caseType: 'low-income-warning-overdue',
    subjectId: e.warningId,
    unitId: null,
    divisionCode: e.divisionCode,
    item: e.warningId,
    note: `应救未救风险: ${e.kind} warning (level ${e.level}) on ${e.subjectType} ${e.subjectRef} not checked at home within ${e.limitDays} days (due ${e.dueAt})`,
  }),
  equipmentUnrepaired: (w: EquipmentFaultWatch): OpeningSignal => ({
    caseType: 'equipment-unrepaired',
    subjectId: w.equipmentId,
    unitId: w.homeId,
    divisionCode: w.divisionCode,
    item: w.faultId,
    note: `${w.kind} fault reported ${w.reportedAt.toISOString()} not repaired within ${w.limitHours} h`,
  }),
  capacityStrained: (e: CapacityStrained): OpeningSignal => ({
    caseType: 'capacity-strained',
    subjectId: e.homeId,
    unitId: e.homeId,
    divisionCode: e.divisionCode,
    item: e.episodeId,
    note: `${e.measure} at ${Math.round(e.ratio * 100)}% (threshold ${Math.round(e.threshold * 100)}%); alternatives: ${e.alternatives.join(', ') || 'none'}`,
  }),
  rectificationOverdue: (e: RectificationIssueOverdue): OpeningSignal => ({
    caseType: 'rectification-overdue',
    subjectId: e.issueId,
    unitId: e.unitId,
    divisionCode: e.divisionCode,
    item: e.dueDate,
    note: `整改逾期: not signed off by ${e.dueDate}${e.severity ? ` (severity ${e.severity})` : ''}: ${e.summary}`.slice(0, 500),
  }),
  /** A peer's self-inspection task (举一反三) not reported by its due day: one case per unit, one item per campaign. */
  selfInspectionMissed: (e: SelfInspectionMissed): OpeningSignal => ({
    caseType: 'self-inspection-missed',
    subjectId: e.unitId,
    unitId: e.unitId,
    divisionCode: e.divisionCode,
    item: e.campaignId,
    note: `自查自纠逾期未报: self-inspection of ${e.checklistCode ?? 'the finding'} (after inspection ${e.inspectionId}) due ${e.dueDate} not reported`,
  }),
  directiveMissed: (e: DirectiveStepMissed): OpeningSignal => ({
    caseType: 'directive-missed',
    subjectId: `${e.directiveId}:${e.divisionCode}`,
    unitId: null,
    divisionCode: e.divisionCode,
    item: e.step,
    note: `directive ${e.directiveId}: ${e.step} due ${e.dueDate} not filed`,
  }),
  /** A daily report that says less than the unit's own records (瞒报漏报 suspicion): one item per report. */
  reportInconsistent: (e: DailyReportInconsistent): OpeningSignal => ({
    caseType: 'report-inconsistent',
    subjectId: e.unitId,
    unitId: e.unitId,
    divisionCode: e.divisionCode,
    item: e.reportId,
    note: `瞒报漏报嫌疑: report for ${e.reportDate} disagrees with the unit's records: ${e.discrepancies
      .map((d) => `${d.field} reported ${d.reported}, recorded ${d.recorded} (${d.rule})`)
      .join('; ')}`.slice(0, 500),
  }),
  /**
   * Cases a daily report counts that no SymptomCaseReported covers: the urgent path opens by
   * itself (reported at once per the ladder); an officer resolves it once the cases are accounted for.
   */
  unreportedSymptomCases: (e: DailyReportInconsistent): OpeningSignal | undefined =>
    e.casesWithoutSymptomReport > 0
      ? {
          caseType: 'symptom-case',
          subjectId: e.unitId,
          unitId: e.unitId,
          divisionCode: e.divisionCode,
          item: `report:${e.reportId}`,
          urgent: true,
          note: `daily report for ${e.reportDate} counts ${e.casesWithoutSymptomReport} suspected/confirmed case(s) no symptom case report covers`,
        }
      : undefined,
  /** Stock gone without recorded use (挪用 suspicion): one item per finding. */
  reservesUnaccounted: (e: SupplyStockUnaccounted): OpeningSignal => ({
    caseType: 'reserves-unaccounted',
    subjectId: e.unitId,
    unitId: e.unitId,
    divisionCode: e.divisionCode,
    item: e.findingId,
    note: `挪用嫌疑: ${e.item} counted ${e.countedStock}, records leave ${e.expectedStock} (${e.unaccounted} unaccounted over ${e.daysSinceLastCount} day(s))`,
  }),
  /** A household re-check (定期核查) not recorded by its due day and grace: one case per household, one item per due day. */
  recheckMissed: (e: RecheckMissed): OpeningSignal => ({
    caseType: 'recheck-missed',
    subjectId: e.householdId,
    unitId: null,
    divisionCode: e.divisionCode,
    item: e.dueOn,
    note: `${e.category} household (class ${e.recheckClass}) not re-checked: due ${e.dueOn}, ${e.graceDays} day(s) grace${
      e.extendedDays ? `, extended ${e.extendedDays} day(s) in a risk area` : ''
    }`,
  }),
  disinfectionMissed: (e: DisinfectionRoundMissed): OpeningSignal => ({
    caseType: 'disinfection-missed',
    subjectId: e.homeId,
    unitId: e.homeId,
    divisionCode: e.divisionCode,
    item: `${e.area}@${e.dueAt}`,
    note: `disinfection of ${e.area} due ${e.dueAt} not recorded`,
  }),
  /** A hotline caller not answered within the line's service level: one case per call, by its reference only. */
  hotlineCallOverdue: (e: HotlineCallOverdue): OpeningSignal => ({
    caseType: 'hotline-call-overdue',
    subjectId: e.callRef,
    unitId: null,
    divisionCode: e.lineDivisionCode,
    item: e.callRef,
    urgent: e.urgency === 'crisis',
    note: `${e.line} call (${e.category}, ${e.urgency}) received ${e.receivedAt} not answered within ${e.serviceLevelMinutes} min (due ${e.dueAt})`,
  }),
  /** A child left without care (无人监护) not placed within the region's limit: one urgent case per placement, refs only. */
  childPlacementOverdue: (e: ChildPlacementOverdue): OpeningSignal => ({
    caseType: 'child-placement-overdue',
    subjectId: e.placementId,
    unitId: null,
    divisionCode: e.divisionCode,
    item: e.placementId,
    urgent: true,
    note: `child ${e.childRef} without care (${e.cause}) since ${e.openedAt} not placed within ${e.limitHours} h (due ${e.dueAt})`,
  }),
};

/** How a symptom case is resolved, by how its episode ended. */
const SYMPTOM_CASE_RESOLUTIONS: Record<SymptomCaseEnded['outcome'], string> = {
  cleared: 'symptom-case-cleared',
  'recovered-in-place': 'recovered-in-place',
  died: 'resident-died',
};

export const clearingSignal = {
  dailyReport: (e: DailyReportSubmitted): ClearingSignal => ({
    caseType: 'report-missed',
    subjectId: e.unitId,
    item: e.reportDate,
    resolution: 'late-report-received',
    note: `late report for ${e.reportDate}`,
  }),
  residentTransferred: (e: ResidentTransferred): ClearingSignal => ({
    caseType: 'symptom-case',
    subjectId: e.unitId,
    item: e.symptomCaseId,
    resolution: 'resident-transferred',
    note: `resident of ${e.symptomCaseId} transferred to ${e.hospital}`,
  }),
  /** Every other way a symptom episode ends: cleared (排除), recovered in the unit where allowed, or the resident died. */
  symptomCaseEnded: (e: SymptomCaseEnded): ClearingSignal => ({
    caseType: 'symptom-case',
    subjectId: e.unitId,
    item: e.symptomCaseId,
    resolution: SYMPTOM_CASE_RESOLUTIONS[e.outcome],
    note: `symptom case ${e.symptomCaseId} ended: ${e.outcome} at ${e.endedAt}`,
  }),
  supplyCleared: (e: SupplyShortageCleared): ClearingSignal => ({
    caseType: 'supply-shortage',
    subjectId: e.unitId,
    item: e.episodeId,
    resolution: 'supply-restored',
    note: `${e.item}: ${e.daysOfCover} days of cover`,
  }),
  vaccinationRestored: (e: VaccinationCoverageRestored): ClearingSignal => ({
    caseType: 'vaccination-below-floor',
    subjectId: e.unitId,
    item: e.episodeId,
    resolution: 'coverage-restored',
    note: `${e.group} coverage ${e.coverage}`,
  }),
  /** 清零 reached: every due date the roll was signalled for is settled. */
  staffVaccinationCleared: (e: StaffVaccinationCleared): ClearingSignal => ({
    caseType: 'staff-vaccination-not-cleared',
    subjectId: e.rollId,
    item: '*',
    resolution: 'staff-vaccination-cleared',
    note: `all ${e.eligible} eligible vaccinated at ${e.clearedAt}`,
  }),
  visitMade: (e: VisitOverdueEnded): ClearingSignal => ({
    caseType: 'visit-overdue',
    subjectId: e.entryId,
    item: e.episodeId,
    resolution: 'visit-made',
    note: `visited ${e.visitedAt}`,
  }),
  /** Any step out of the status that was overdue clears it (accepted, reviewed, decided, paid or withdrawn). */
  applicationMoved: (e: ApplicationTransition): ClearingSignal | undefined =>
    e.from
      ? {
          caseType: 'application-overdue',
          subjectId: e.applicationId,
          item: e.from,
          resolution: 'application-moved-on',
          note: `${e.from} → ${e.to}`,
        }
      : undefined,
  /** A re-check answering a due day that was signalled missed. */
  recheckRecorded: (e: RecheckRecorded): ClearingSignal | undefined =>
    e.missedDueOn
      ? {
          caseType: 'recheck-missed',
          subjectId: e.householdId,
          item: e.missedDueOn,
          resolution: 'recheck-recorded',
          note: `re-checked ${e.checkedOn}: ${e.outcome}`,
        }
      : undefined,
  /** The township filed its home check, whatever it found. */
  lowIncomeWarningChecked: (e: LowIncomeWarningChecked): ClearingSignal => ({
    caseType: 'low-income-warning-overdue',
    subjectId: e.warningId,
    item: e.warningId,
    resolution: 'home-check-filed',
    note: `home check ${e.checkedAt}: ${e.finding}${e.applicationId ? ` (application ${e.applicationId})` : ''}`,
  }),
  equipmentRepaired: (e: EquipmentRepaired): ClearingSignal => ({
    caseType: 'equipment-unrepaired',
    subjectId: e.equipmentId,
    item: e.faultId,
    resolution: 'equipment-repaired',
    note: `repaired ${e.repairedAt}`,
  }),
  /** Signed off (销号): every overdue due date of the issue is settled. */
  issueSignedOff: (e: RectificationIssueSignedOff): ClearingSignal => ({
    caseType: 'rectification-overdue',
    subjectId: e.issueId,
    item: '*',
    resolution: 'signed-off',
    note: `signed off ${e.signedOffAt}`,
  }),
  selfInspectionReported: (e: SelfInspectionReported): ClearingSignal => ({
    caseType: 'self-inspection-missed',
    subjectId: e.unitId,
    item: e.campaignId,
    resolution: 'self-inspection-reported',
    note: `self-inspection reported ${e.late ? 'late ' : ''}at ${e.reportedAt}: ${e.outcome}`,
  }),
  directiveStepFiled: (e: DirectiveStepFiled): ClearingSignal => ({
    caseType: 'directive-missed',
    subjectId: `${e.directiveId}:${e.divisionCode}`,
    item: e.step,
    resolution: 'directive-step-filed',
    note: `${e.step} filed ${e.late ? 'late ' : ''}at ${e.filedAt}`,
  }),
  capacityRecovered: (e: CapacityRecovered): ClearingSignal => ({
    caseType: 'capacity-strained',
    subjectId: e.homeId,
    item: e.episodeId,
    resolution: 'capacity-recovered',
    note: `${e.measure} back to ${Math.round(e.ratio * 100)}%`,
  }),
  hotlineCallCleared: (e: HotlineCallOverdueCleared): ClearingSignal => ({
    caseType: 'hotline-call-overdue',
    subjectId: e.callRef,
    item: e.callRef,
    resolution: e.outcome === 'answered' ? 'hotline-call-answered' : 'hotline-call-closed',
    note: `${e.outcome} ${e.clearedAt}`,
  }),
  childPlacementCleared: (e: ChildPlacementOverdueCleared): ClearingSignal => ({
    caseType: 'child-placement-overdue',
    subjectId: e.placementId,
    item: e.placementId,
    resolution: e.outcome === 'placed' ? 'child-placed' : 'child-placement-ended',
    note: `${e.outcome} ${e.clearedAt}`,
  }),
};
