import { dataSchemaUri, EventContract, idSchema, instantSchema, localDateSchema } from '../event-contract';
import { DailyReportCounts, DailyReportSubmittedV1 } from './daily-report-submitted.event';
import { DailyReportTopic, INSTITUTION_MONITORING_SOURCE } from './topics';
import { UnitRef, unitRefProperties, unitRefRequired } from './unit-ref';

export interface DailyReportCorrected extends UnitRef {
  /** The report corrected (unit and day). */
  reportId: string;
  /** The day reported on. */
  reportDate: string;
  /** 1 for the first correction of this report, then 2, 3 … */
  correction: number;
  /** Every figure as it now stands (replaces the previous ones). */
  counts: DailyReportCounts;
  /** Figures this correction changed. */
  changedFields: string[];
  /** Why the unit corrected it. */
  reason: string;
  /** Made after the period locked, under an exception the county granted. */
  underLockException: boolean;
  /** Every figure is an explicit zero after the correction. */
  zeroReport: boolean;
  correctedAt: string;
}

const type = 'cn.gov.civilaffairs.institution.daily-report-corrected.v1';

export const DailyReportCorrectedV1: EventContract<DailyReportCorrected> = {
  name: 'DailyReportCorrected',
  type,
  version: 1,
  topic: DailyReportTopic.name,
  source: INSTITUTION_MONITORING_SOURCE,
  description: 'A unit corrected a daily report before its period locked (or under a county’s lock exception). Carries all figures.',
  keyDescription: 'unitId',
  schema: {
    $id: dataSchemaUri(type),
    type: 'object',
    required: [
      ...unitRefRequired,
      'reportId',
      'reportDate',
      'correction',
      'counts',
      'changedFields',
      'reason',
      'underLockException',
      'zeroReport',
      'correctedAt',
    ],
    properties: {
      ...unitRefProperties,
      reportId: { ...idSchema, description: 'The report corrected.' },
      reportDate: localDateSchema,
      correction: { type: 'integer', minimum: 1, description: 'Sequence number of the correction.' },
      counts: (DailyReportSubmittedV1.schema.properties as Record<string, unknown>).counts,
      changedFields: { type: 'array', items: { type: 'string' }, description: 'Figures this correction changed.' },
      reason: { type: 'string', minLength: 1, maxLength: 500, description: 'Why the unit corrected it.' },
      underLockException: { type: 'boolean', description: 'Made after the lock under a county exception.' },
      zeroReport: { type: 'boolean', description: 'Every figure is an explicit zero after the correction.' },
      correctedAt: instantSchema,
    },
  },
  example: {
    unitId: 'u-330521-0001',
    unitType: 'elderly-care-home',
    divisionCode: '330521101',
    reportId: 'u-330521-0001:2026-03-02',
    reportDate: '2026-03-02',
    correction: 1,
    counts: {
      residents: 251,
      staffOnDuty: 60,
      newAdmissions: 1,
      temperatureAnomalies: 0,
      suspected: 0,
      confirmed: 0,
      isolated: 1,
      transferred: 0,
      deaths: 0,
      ppeDaysOfCover: 42,
      vaccinatedResidents: 236,
      vaccinatedStaff: 58,
    },
    changedFields: ['newAdmissions', 'isolated'],
    reason: '漏报一名新入院老人（入院即隔离）',
    underLockException: false,
    zeroReport: false,
    correctedAt: '2026-03-02T07:30:00.000Z',
  },
  keyOf: (p) => p.unitId,
  subjectOf: (p) => p.reportId,
  regionOf: (p) => p.divisionCode,
};
