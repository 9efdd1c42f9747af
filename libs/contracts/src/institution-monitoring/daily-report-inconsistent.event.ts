import { dataSchemaUri, EventContract, idSchema, instantSchema, localDateSchema } from '../event-contract';
import { DailyReportCounts } from './daily-report-submitted.event';
import { DailyReportTopic, INSTITUTION_MONITORING_SOURCE } from './topics';
import { UnitRef, unitRefProperties, unitRefRequired } from './unit-ref';

/**
 * The checks of a report against the unit's own records (瞒报漏报 suspicion): each names the
 * report's figure it concerns and what the records hold.
 */
export const REPORT_FACT_RULES = [
  /** Fewer suspected than residents with an open symptom episode. */
  'suspected-below-open-symptom-cases',
  /** Fewer isolated than residents in isolation. */
  'isolated-below-residents-isolated',
  /** Fewer deaths than residents recorded dead that day (ResidentDied). */
  'deaths-below-recorded-deaths',
  /** Residents off the roll by more than the region's tolerance. */
  'residents-off-the-roll',
  /** More vaccinated (residents or staff) than the unit's vaccination record, beyond the tolerance. */
  'vaccinated-above-record',
  /** More days of PPE cover than the unit's stock counts give (the least-covered item). */
  'days-of-cover-above-stock',
  /** Suspected + confirmed cases that no SymptomCaseReported covers: the urgent path was bypassed. */
  'cases-without-symptom-report',
  /** Fewer children in temporary care than the unit holds at social relief's request. */
  'children-in-temporary-care-below-record',
] as const;
export type ReportFactRule = (typeof REPORT_FACT_RULES)[number];

export interface ReportDiscrepancy {
  /** The report's figure (a key of the counts). */
  field: keyof DailyReportCounts;
  /** Which check it fails. */
  rule: ReportFactRule;
  /** What the report says. */
  reported: number;
  /** What the unit's own records say at the report's acceptance. */
  recorded: number;
}

export interface DailyReportInconsistent extends UnitRef {
  /** Id of the report (unit and day). */
  reportId: string;
  /** ce_id of the DailyReportSubmitted (or DailyReportCorrected) it disagrees with (the evidence). */
  dailyReportEventId: string;
  /** The day reported on (Asia/Shanghai). */
  reportDate: string;
  /** Every disagreement found, at least one. */
  discrepancies: ReportDiscrepancy[];
  /** Suspected + confirmed beyond the symptom cases on record: cases the urgent path never heard of. */
  casesWithoutSymptomReport: number;
  /** When the report was accepted and checked. */
  detectedAt: string;
}

const type = 'cn.gov.civilaffairs.institution.daily-report-inconsistent.v1';
const FIELDS = [
  'residents',
  'staffOnDuty',
  'newAdmissions',
  'temperatureAnomalies',
  'suspected',
  'confirmed',
  'isolated',
  'transferred',
  'deaths',
  'ppeDaysOfCover',
  'vaccinatedResidents',
  'vaccinatedStaff',
  'childrenInTemporaryCare',
];

export const DailyReportInconsistentV1: EventContract<DailyReportInconsistent> = {
  name: 'DailyReportInconsistent',
  type,
  version: 1,
  topic: DailyReportTopic.name,
  source: INSTITUTION_MONITORING_SOURCE,
  description:
    'A daily report (as filed or corrected) disagrees with the unit’s own records (open symptom episodes, isolations, deaths, the resident roll, vaccination, stock). The report is accepted all the same (it is evidence); this is published in the same write. No personal data.',
  keyDescription: 'unitId',
  schema: {
    $id: dataSchemaUri(type),
    type: 'object',
    required: [
      ...unitRefRequired,
      'reportId',
      'dailyReportEventId',
      'reportDate',
      'discrepancies',
      'casesWithoutSymptomReport',
      'detectedAt',
    ],
    properties: {
      ...unitRefProperties,
      reportId: { ...idSchema, description: 'Id of the report (unit and day).' },
      dailyReportEventId: { ...idSchema, description: 'ce_id of the DailyReportSubmitted (or DailyReportCorrected) it disagrees with.' },
      reportDate: localDateSchema,
      discrepancies: {
        type: 'array',
        minItems: 1,
        description: 'Every disagreement found.',
        items: {
          type: 'object',
          required: ['field', 'rule', 'reported', 'recorded'],
          properties: {
            field: { enum: FIELDS, description: 'The report’s figure.' },
            rule: { enum: [...REPORT_FACT_RULES], description: 'Which check it fails.' },
            reported: { type: 'integer', minimum: 0, description: 'What the report says.' },
            recorded: { type: 'integer', minimum: 0, description: 'What the unit’s records say at acceptance.' },
          },
        },
      },
      casesWithoutSymptomReport: {
        type: 'integer',
        minimum: 0,
        description: 'Suspected + confirmed beyond the symptom cases on record (0 when none).',
      },
      detectedAt: { ...instantSchema, description: 'When the report was accepted and checked.' },
    },
  },
  example: {
    unitId: 'u-330521-0001',
    unitType: 'elderly-care-home',
    divisionCode: '330521101',
    reportId: 'u-330521-0001:2026-03-02',
    dailyReportEventId: '6f1c2b8e-1a2b-4c3d-8e9f-0a1b2c3d4e5f',
    reportDate: '2026-03-02',
    discrepancies: [{ field: 'isolated', rule: 'isolated-below-residents-isolated', reported: 0, recorded: 2 }],
    casesWithoutSymptomReport: 0,
    detectedAt: '2026-03-02T01:12:00.000Z',
  },
  keyOf: (p) => p.unitId,
  subjectOf: (p) => p.reportId,
  regionOf: (p) => p.divisionCode,
};
