import { dataSchemaUri, EventContract, idSchema, instantSchema } from '../event-contract';
import { caseBaseProperties, caseBaseRequired, CaseEventBase, CaseLevel, CASE_LEVELS } from './case-common';
import { CaseTopic, SUPERVISION_SOURCE } from './topics';

export interface CaseOpened extends CaseEventBase {
  /** The level that holds the case first. */
  level: CaseLevel;
  openedAt: string;
  /** ce_id of the signal that opened it. */
  triggeringEventId: string;
  /** When it climbs to the next level unless resolved; null at the top. */
  nextEscalationAt: string | null;
  /** Urgent cases: the level also told at once (放宽上报程序); null or absent otherwise. */
  reportedTo?: CaseLevel | null;
  /** The unit or funeral home the case concerns, when it concerns one. */
  unitId?: string | null;
  /** What happened, in words for the people holding the case (no personal data). */
  summary?: string;
}

const type = 'cn.gov.civilaffairs.supervision.case-opened.v1';

export const CaseOpenedV1: EventContract<CaseOpened> = {
  name: 'CaseOpened',
  type,
  version: 1,
  topic: CaseTopic.name,
  source: SUPERVISION_SOURCE,
  description: 'A signal opened a supervision case at the first rung of its ladder.',
  keyDescription: 'caseId',
  schema: {
    $id: dataSchemaUri(type),
    type: 'object',
    required: [...caseBaseRequired, 'level', 'openedAt', 'triggeringEventId', 'nextEscalationAt'],
    properties: {
      ...caseBaseProperties,
      level: { enum: [...CASE_LEVELS], description: 'The level that holds the case first.' },
      openedAt: instantSchema,
      triggeringEventId: { ...idSchema, description: 'ce_id of the signal that opened the case.' },
      nextEscalationAt: { anyOf: [instantSchema, { type: 'null' }], description: 'Next rung unless resolved.' },
      reportedTo: {
        anyOf: [{ enum: [...CASE_LEVELS] }, { type: 'null' }],
        description: 'Urgent cases: the level also told at once (放宽上报程序).',
      },
      unitId: { anyOf: [idSchema, { type: 'null' }], description: 'The unit or funeral home the case concerns, if any.' },
      summary: { type: 'string', maxLength: 500, description: 'What happened, for the people holding the case.' },
    },
  },
  example: {
    caseId: '6f1c2b8e-1d2a-5b3c-9d4e-5f6a7b8c9d0e',
    caseType: 'report-missed',
    subjectId: 'u-330521-0002',
    divisionCode: '330521102',
    level: 'township',
    openedAt: '2026-03-02T02:00:06.000Z',
    triggeringEventId: '0e9d8c7b-6a5f-5e4d-8c3b-2a1f0e9d8c7b',
    nextEscalationAt: '2026-03-02T06:00:06.000Z',
  },
  keyOf: (p) => p.caseId,
  subjectOf: (p) => p.caseId,
  regionOf: (p) => p.divisionCode,
};
