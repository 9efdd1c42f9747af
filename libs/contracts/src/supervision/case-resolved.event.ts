import { dataSchemaUri, EventContract, idSchema, instantSchema } from '../event-contract';
import { caseBaseProperties, caseBaseRequired, CaseEventBase, CaseLevel, CASE_LEVELS } from './case-common';
import { CaseTopic, SUPERVISION_SOURCE } from './topics';

export interface CaseResolved extends CaseEventBase {
  /** The level that held the case when it was resolved. */
  level: CaseLevel;
  resolvedAt: string;
  /** How it was resolved, e.g. late-report-received. */
  resolution: string;
  /** ce_id of the event that resolved it (e.g. the late DailyReportSubmitted); for an officer's resolution, this event's own id. */
  resolvingEventId: string;
  /** What was done, in the resolving officer's words (officer resolutions only). */
  note?: string;
}

const type = 'cn.gov.civilaffairs.supervision.case-resolved.v1';

export const CaseResolvedV1: EventContract<CaseResolved> = {
  name: 'CaseResolved',
  type,
  version: 1,
  topic: CaseTopic.name,
  source: SUPERVISION_SOURCE,
  description: 'A case was resolved; its ladder stops.',
  keyDescription: 'caseId',
  schema: {
    $id: dataSchemaUri(type),
    type: 'object',
    required: [...caseBaseRequired, 'level', 'resolvedAt', 'resolution', 'resolvingEventId'],
    properties: {
      ...caseBaseProperties,
      level: { enum: [...CASE_LEVELS] },
      resolvedAt: instantSchema,
      resolution: { type: 'string', minLength: 1, description: 'How it was resolved.' },
      resolvingEventId: { ...idSchema, description: 'ce_id of the event that resolved it.' },
      note: { type: 'string', maxLength: 1000, description: 'What was done (officer resolutions only).' },
    },
  },
  example: {
    caseId: '6f1c2b8e-1d2a-5b3c-9d4e-5f6a7b8c9d0e',
    caseType: 'report-missed',
    subjectId: 'u-330521-0002',
    divisionCode: '330521102',
    level: 'county',
    resolvedAt: '2026-03-02T07:30:00.000Z',
    resolution: 'late-report-received',
    resolvingEventId: '1a2b3c4d-5e6f-5a7b-8c9d-0e1f2a3b4c5d',
  },
  keyOf: (p) => p.caseId,
  subjectOf: (p) => p.caseId,
  regionOf: (p) => p.divisionCode,
};
