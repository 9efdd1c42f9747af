import { dataSchemaUri, divisionCodeSchema, EventContract, idSchema, instantSchema, localDateSchema } from '../event-contract';
import { DailyReportTopic, INSTITUTION_MONITORING_SOURCE } from './topics';
import { UnitType, UNIT_TYPES } from './unit-types';

export interface ReportMissed {
  /** Id of the missing report (unit and day). */
  reportId: string;
  unitId: string;
  unitType: UnitType;
  divisionCode: string;
  /** The day with no report. */
  reportDate: string;
  /** The deadline that passed. */
  deadline: string;
  /** When the sweep found the report missing. */
  detectedAt: string;
}

const type = 'cn.gov.civilaffairs.institution.report-missed.v1';

export const ReportMissedV1: EventContract<ReportMissed> = {
  name: 'ReportMissed',
  type,
  version: 1,
  topic: DailyReportTopic.name,
  source: INSTITUTION_MONITORING_SOURCE,
  description: 'A unit had no daily report for a day when its deadline passed. Emitted once per unit and day.',
  keyDescription: 'unitId',
  schema: {
    $id: dataSchemaUri(type),
    type: 'object',
    required: ['reportId', 'unitId', 'unitType', 'divisionCode', 'reportDate', 'deadline', 'detectedAt'],
    properties: {
      reportId: { ...idSchema, description: 'Id of the missing report (unit and day).' },
      unitId: { ...idSchema, description: 'The unit that did not report.' },
      unitType: { enum: [...UNIT_TYPES] },
      divisionCode: divisionCodeSchema,
      reportDate: localDateSchema,
      deadline: { ...instantSchema, description: 'The deadline that passed.' },
      detectedAt: { ...instantSchema, description: 'When the sweep found it missing.' },
    },
  },
  example: {
    reportId: 'u-330521-0002:2026-03-02',
    unitId: 'u-330521-0002',
    unitType: 'relief-station',
    divisionCode: '330521102',
    reportDate: '2026-03-02',
    deadline: '2026-03-02T02:00:00.000Z',
    detectedAt: '2026-03-02T02:00:05.000Z',
  },
  keyOf: (p) => p.unitId,
  subjectOf: (p) => p.reportId,
  regionOf: (p) => p.divisionCode,
};
