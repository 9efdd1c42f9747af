import { dataSchemaUri, divisionCodeSchema, EventContract, idSchema, instantSchema, localDateSchema } from '../event-contract';
import { DailyReportTopic, INSTITUTION_MONITORING_SOURCE } from './topics';
import { UnitType, UNIT_TYPES } from './unit-types';

/** The figures of a daily report (日报告). Zero is significant: 0 means "none", never "unknown". */
export interface DailyReportCounts {
  /** Residents present at report time. */
  residents: number;
  /** Staff on duty. */
  staffOnDuty: number;
  /** New admissions since the last report. */
  newAdmissions: number;
  /** Residents or staff with an abnormal temperature. */
  temperatureAnomalies: number;
  /** Suspected cases. */
  suspected: number;
  /** Confirmed cases. */
  confirmed: number;
  /** People in isolation. */
  isolated: number;
  /** People transferred to a designated hospital. */
  transferred: number;
  /** Deaths since the last report. */
  deaths: number;
  /** Days the protective equipment on hand lasts at the current use. Always sent since the figure was added. */
  ppeDaysOfCover?: number;
  /** Residents vaccinated. Always sent since the figure was added. */
  vaccinatedResidents?: number;
  /** Staff vaccinated. Always sent since the figure was added. */
  vaccinatedStaff?: number;
  /** Children in temporary care (临时照料) whose guardian is isolated or in hospital. Optional: sent when the unit reports it. */
  childrenInTemporaryCare?: number;
}

export const DAILY_REPORT_COUNT_FIELDS: readonly (keyof DailyReportCounts)[] = [
  'residents',
  'staffOnDuty',
  'newAdmissions',
  'temperatureAnomalies',
  'suspected',
  'confirmed',
  'isolated',
  'transferred',
  'deaths',
];

/** Figures added after v1 was released: optional in the schema, always sent by this producer. */
export const DAILY_REPORT_ADDED_FIELDS: readonly (keyof DailyReportCounts)[] = ['ppeDaysOfCover', 'vaccinatedResidents', 'vaccinatedStaff'];

/** Every figure a unit reports, each required at input (blank is not zero). */
export const DAILY_REPORT_FIGURES: readonly (keyof DailyReportCounts)[] = [...DAILY_REPORT_COUNT_FIELDS, ...DAILY_REPORT_ADDED_FIELDS];

/** Figures a unit may leave out (only units that hold them report them); checked against its records all the same. */
export const DAILY_REPORT_OPTIONAL_FIGURES: readonly (keyof DailyReportCounts)[] = ['childrenInTemporaryCare'];

export interface DailyReportSubmitted {
  /** Id of the report: one per unit and day. */
  reportId: string;
  unitId: string;
  unitType: UnitType;
  /** Division the unit sits in. */
  divisionCode: string;
  /** The day reported on (Asia/Shanghai). */
  reportDate: string;
  /** When the unit submitted it. */
  submittedAt: string;
  /** The deadline that applied to this unit and day. */
  deadline: string;
  /** Submitted after the deadline: late, not missing. */
  late: boolean;
  /** Every count is an explicit zero (零报告). */
  zeroReport: boolean;
  counts: DailyReportCounts;
}

const type = 'cn.gov.civilaffairs.institution.daily-report-submitted.v1';
const count = { type: 'integer', minimum: 0 } as const;

export const DailyReportSubmittedV1: EventContract<DailyReportSubmitted> = {
  name: 'DailyReportSubmitted',
  type,
  version: 1,
  topic: DailyReportTopic.name,
  source: INSTITUTION_MONITORING_SOURCE,
  description: 'A unit filed its daily report (or zero report) for a day, on time or late.',
  keyDescription: 'unitId',
  schema: {
    $id: dataSchemaUri(type),
    type: 'object',
    required: ['reportId', 'unitId', 'unitType', 'divisionCode', 'reportDate', 'submittedAt', 'deadline', 'late', 'zeroReport', 'counts'],
    properties: {
      reportId: { ...idSchema, description: 'One report per unit and day.' },
      unitId: { ...idSchema, description: 'The reporting unit.' },
      unitType: { enum: [...UNIT_TYPES] },
      divisionCode: divisionCodeSchema,
      reportDate: localDateSchema,
      submittedAt: { ...instantSchema, description: 'When the unit submitted it.' },
      deadline: { ...instantSchema, description: 'The deadline that applied.' },
      late: { type: 'boolean', description: 'Submitted after the deadline.' },
      zeroReport: { type: 'boolean', description: 'Every count is an explicit zero.' },
      counts: {
        type: 'object',
        required: [...DAILY_REPORT_COUNT_FIELDS],
        properties: Object.fromEntries([...DAILY_REPORT_FIGURES, ...DAILY_REPORT_OPTIONAL_FIGURES].map((f) => [f, count])),
      },
    },
  },
  example: {
    reportId: 'u-330521-0001:2026-03-02',
    unitId: 'u-330521-0001',
    unitType: 'elderly-care-home',
    divisionCode: '330521101',
    reportDate: '2026-03-02',
    submittedAt: '2026-03-02T01:12:00.000Z',
    deadline: '2026-03-02T02:00:00.000Z',
    late: false,
    zeroReport: false,
    counts: {
      residents: 251,
      staffOnDuty: 60,
      newAdmissions: 0,
      temperatureAnomalies: 0,
      suspected: 0,
      confirmed: 0,
      isolated: 0,
      transferred: 0,
      deaths: 0,
      ppeDaysOfCover: 42,
      vaccinatedResidents: 236,
      vaccinatedStaff: 58,
    },
  },
  keyOf: (p) => p.unitId,
  subjectOf: (p) => p.reportId,
  regionOf: (p) => p.divisionCode,
};
