import type { DailyReportCounts, ReportDiscrepancy, ReportFactRule } from '@civil/contracts';
import type { CheckedCounts } from './daily-report';

/**
 * A daily report is a statement of fact, and the unit's own records already hold many of the
 * facts (瞒报漏报 — concealment or under-reporting — is a report that says less than they do).
 * What the records say at the report's acceptance, without any personal data: counts only.
 *
 * Rules where the source documents are silent:
 * - Only under-reporting of events is a discrepancy (suspected, isolated, deaths): a unit may know
 *   of more than it has recorded (staff, people not on the resident roll), never of less.
 * - The resident count is compared both ways, beyond the region's tolerance
 *   (`report-resident-tolerance`): admissions and departures during the day move it.
 * - Vaccinated residents and staff are compared with the unit's vaccination record: claiming more
 *   than the record, beyond the same tolerance, is a discrepancy (coverage overstated).
 * - Days of PPE cover are compared with the least-covered item of the unit's stock counts:
 *   claiming more days than the counts give is a discrepancy (reserves overstated).
 * - Figures the unit keeps no record of are not compared: a unit with no resident on the roll, no
 *   vaccination record or no stock count is not accused on that figure.
 * - Children in temporary care (临时照料, admitted at social relief's request) are an optional
 *   figure: reporting fewer than are on the roll, or leaving it out while any are, is a discrepancy.
 * - Levels (open episodes, isolations, the roll, vaccination, stock) are as they stand at
 *   acceptance, so they are compared only for a report on today's date; a late report for an
 *   earlier day is compared on its deaths only (recorded deaths of that day do not move).
 */
/** zh-CN labels of the checks a report fails. */
export const REPORT_FACT_RULE_LABELS: Record<ReportFactRule, string> = {
  'suspected-below-open-symptom-cases': '疑似人数少于在院症状隔离人数',
  'isolated-below-residents-isolated': '隔离人数少于台账隔离人数',
  'deaths-below-recorded-deaths': '死亡人数少于当日死亡登记',
  'residents-off-the-roll': '在院人数与台账不符',
  'vaccinated-above-record': '接种人数多于接种记录',
  'days-of-cover-above-stock': '防护物资可用天数多于库存盘点',
  'cases-without-symptom-report': '日报病例未经症状病例紧急上报',
  'children-in-temporary-care-below-record': '临时照料儿童人数少于台账',
};

export interface UnitRecords {
  /** Residents with an open symptom episode (隔离观察中 on the symptom path). */
  openSymptomCases: number;
  /** Symptom cases opened on the report day or still open: the cases SymptomCaseReported covers. */
  symptomCasesOnRecord: number;
  /** Residents in isolation now (any reason). */
  isolated: number;
  /** Residents recorded dead on the report day (ResidentDied, Beijing date of death). */
  deathsOnDay: number;
  /** Residents on the roll now (in residence, isolated or on leave); null when the unit keeps no roll. */
  residents: number | null;
  /** The unit's vaccination record; null when it has none. */
  vaccinated: { residents: number; staff: number } | null;
  /** Days of cover of the least-covered item counted; null when no item is counted (or none is used). */
  leastDaysOfCover: number | null;
  /** Children on the roll in temporary care at social relief's request (临时照料). */
  childrenInTemporaryCare: number;
}

export interface FactCheck {
  discrepancies: ReportDiscrepancy[];
  /** Suspected + confirmed beyond the symptom cases on record. */
  casesWithoutSymptomReport: number;
}

export function checkAgainstRecords(
  counts: CheckedCounts,
  records: UnitRecords,
  options: { levelsApply: boolean; tolerance: number },
): FactCheck {
  const found: ReportDiscrepancy[] = [];
  type Always = Exclude<keyof DailyReportCounts, 'childrenInTemporaryCare'>;
  const below = (field: Always, rule: ReportDiscrepancy['rule'], recorded: number) => {
    if (counts[field] < recorded) found.push({ field, rule, reported: counts[field], recorded });
  };
  const above = (field: Always, rule: ReportDiscrepancy['rule'], recorded: number, tolerance: number) => {
    if (counts[field] > recorded + tolerance) found.push({ field, rule, reported: counts[field], recorded });
  };
  let casesWithoutSymptomReport = 0;
  if (options.levelsApply) {
    below('suspected', 'suspected-below-open-symptom-cases', records.openSymptomCases);
    below('isolated', 'isolated-below-residents-isolated', records.isolated);
  }
  below('deaths', 'deaths-below-recorded-deaths', records.deathsOnDay);
  if (options.levelsApply) {
    if (records.residents !== null && Math.abs(counts.residents - records.residents) > options.tolerance) {
      found.push({ field: 'residents', rule: 'residents-off-the-roll', reported: counts.residents, recorded: records.residents });
    }
    if (records.vaccinated) {
      above('vaccinatedResidents', 'vaccinated-above-record', records.vaccinated.residents, options.tolerance);
      above('vaccinatedStaff', 'vaccinated-above-record', records.vaccinated.staff, options.tolerance);
    }
    if (records.leastDaysOfCover !== null) above('ppeDaysOfCover', 'days-of-cover-above-stock', records.leastDaysOfCover, 0);
    // an optional figure, but a unit holding children in temporary care that leaves it out reports none of them
    const children = counts.childrenInTemporaryCare ?? 0;
    if (children < records.childrenInTemporaryCare)
      found.push({
        field: 'childrenInTemporaryCare',
        rule: 'children-in-temporary-care-below-record',
        reported: children,
        recorded: records.childrenInTemporaryCare,
      });
    // cases the unit reports that the urgent path (SymptomCaseReported) never heard of
    const reportedCases = counts.suspected + counts.confirmed;
    if (reportedCases > records.symptomCasesOnRecord) {
      casesWithoutSymptomReport = reportedCases - records.symptomCasesOnRecord;
      found.push({
        field: counts.suspected > records.symptomCasesOnRecord ? 'suspected' : 'confirmed',
        rule: 'cases-without-symptom-report',
        reported: reportedCases,
        recorded: records.symptomCasesOnRecord,
      });
    }
  }
  return { discrepancies: found, casesWithoutSymptomReport };
}
