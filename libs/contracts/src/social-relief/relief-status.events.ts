import { defineEvent, divisionCodeSchema, instantSchema } from '../event-contract';
import { AreaRiskTopic, ReliefStatusTopic, SOCIAL_RELIEF_SOURCE } from './topics';
import { RELIEF_REGISTERS, ReliefRegister, RISK_LEVELS, RiskLevel } from './vocabulary';

export interface ReliefStatusChanged {
  /**
   * Keyed hash (HMAC-SHA256, the platform's shared key) of the person's ID number: lets another
   * service match its own records without ever holding the number.
   */
  personKey: string;
  /** Every register the person is on now (empty: none). */
  registers: ReliefRegister[];
  divisionCode: string;
  changedAt: string;
}

export interface AreaRiskLevelChanged {
  divisionCode: string;
  level: RiskLevel;
  previousLevel: RiskLevel;
  /** The notice that set it. */
  reason: string;
  effectiveAt: string;
}

export const ReliefStatusChangedV1 = defineEvent<ReliefStatusChanged>({
  name: 'ReliefStatusChanged',
  type: 'cn.gov.civilaffairs.social-relief.relief-status-changed.v1',
  topic: ReliefStatusTopic,
  source: SOCIAL_RELIEF_SOURCE,
  description: 'The relief registers a person is on changed. Carries every current register, so a copy is replaced, not patched.',
  keyDescription: 'personKey',
  required: ['personKey', 'registers', 'divisionCode', 'changedAt'],
  properties: {
    personKey: { type: 'string', pattern: '^[0-9a-f]{64}$', description: 'Keyed hash of the ID number.' },
    registers: { type: 'array', items: { enum: [...RELIEF_REGISTERS] }, description: 'Every register the person is on now.' },
    divisionCode: divisionCodeSchema,
    changedAt: instantSchema,
  },
  example: {
    personKey: '9f2c4b1e0d3a5f6e7c8b9a0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f',
    registers: ['dibao'],
    divisionCode: '330521101',
    changedAt: '2026-03-07T01:00:00.000Z',
  },
  keyOf: (p) => p.personKey,
  subjectOf: (p) => p.personKey,
  regionOf: (p) => p.divisionCode,
});

export const AreaRiskLevelChangedV1 = defineEvent<AreaRiskLevelChanged>({
  name: 'AreaRiskLevelChanged',
  type: 'cn.gov.civilaffairs.social-relief.area-risk-level-changed.v1',
  topic: AreaRiskTopic,
  source: SOCIAL_RELIEF_SOURCE,
  description:
    'An authorised officer set an area’s epidemic risk level; simplified reviews, extended re-checks and paused exits follow it.',
  keyDescription: 'divisionCode',
  required: ['divisionCode', 'level', 'previousLevel', 'reason', 'effectiveAt'],
  properties: {
    divisionCode: divisionCodeSchema,
    level: { enum: [...RISK_LEVELS] },
    previousLevel: { enum: [...RISK_LEVELS] },
    reason: { type: 'string', minLength: 1, maxLength: 500, description: 'The notice that set it.' },
    effectiveAt: instantSchema,
  },
  example: {
    divisionCode: '330521101',
    level: 'medium',
    previousLevel: 'low',
    reason: '县指挥部通告第12号',
    effectiveAt: '2026-03-03T00:00:00.000Z',
  },
  keyOf: (p) => p.divisionCode,
  subjectOf: (p) => p.divisionCode,
  regionOf: (p) => p.divisionCode,
});
