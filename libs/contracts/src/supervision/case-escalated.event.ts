import { dataSchemaUri, EventContract, instantSchema } from '../event-contract';
import { caseBaseProperties, caseBaseRequired, CaseEventBase, CaseLevel, CASE_LEVELS } from './case-common';
import { CaseTopic, SUPERVISION_SOURCE } from './topics';

export interface CaseEscalated extends CaseEventBase {
  fromLevel: CaseLevel;
  /** The level that now holds the case. */
  toLevel: CaseLevel;
  /** Why it climbed, for the people at the new level. */
  reason: string;
  escalatedAt: string;
  /** Signals counted on the case so far (e.g. missed reports). */
  occurrences: number;
  /** When it climbs again unless resolved; null at the top. */
  nextEscalationAt: string | null;
}

const type = 'cn.gov.civilaffairs.supervision.case-escalated.v1';

export const CaseEscalatedV1: EventContract<CaseEscalated> = {
  name: 'CaseEscalated',
  type,
  version: 1,
  topic: CaseTopic.name,
  source: SUPERVISION_SOURCE,
  description: 'A case was not resolved in time at its level and climbed to the next rung of its ladder.',
  keyDescription: 'caseId',
  schema: {
    $id: dataSchemaUri(type),
    type: 'object',
    required: [...caseBaseRequired, 'fromLevel', 'toLevel', 'reason', 'escalatedAt', 'occurrences', 'nextEscalationAt'],
    properties: {
      ...caseBaseProperties,
      fromLevel: { enum: [...CASE_LEVELS] },
      toLevel: { enum: [...CASE_LEVELS], description: 'The level that now holds the case.' },
      reason: { type: 'string', minLength: 1, description: 'Why it climbed.' },
      escalatedAt: instantSchema,
      occurrences: { type: 'integer', minimum: 1, description: 'Signals counted on the case so far.' },
      nextEscalationAt: { anyOf: [instantSchema, { type: 'null' }] },
    },
  },
  example: {
    caseId: '6f1c2b8e-1d2a-5b3c-9d4e-5f6a7b8c9d0e',
    caseType: 'report-missed',
    subjectId: 'u-330521-0002',
    divisionCode: '330521102',
    fromLevel: 'township',
    toLevel: 'county',
    reason: '未在时限内处置：township level did not resolve the case within 240 minutes',
    escalatedAt: '2026-03-02T06:00:06.000Z',
    occurrences: 1,
    nextEscalationAt: '2026-03-02T14:00:06.000Z',
  },
  keyOf: (p) => p.caseId,
  subjectOf: (p) => p.caseId,
  regionOf: (p) => p.divisionCode,
};
