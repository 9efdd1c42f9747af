import { defineEvent, divisionCodeSchema, idSchema, instantSchema, TopicContract } from '../event-contract';
import { INSTITUTION_MONITORING_SOURCE } from './topics';
import { UNIT_TYPES, UnitType } from './unit-types';

/**
 * A unit's answer to social relief's ChildPlacementRequested: the child admitted as a resident in
 * temporary care (临时照料) under the unit's own admission rules, or refused with a reason. Refs only.
 */
export const PLACEMENT_REFUSAL_REASONS = ['unit-closed', 'unit-inactive', 'unit-not-for-children', 'unit-unknown'] as const;
export type PlacementRefusalReason = (typeof PLACEMENT_REFUSAL_REASONS)[number];

export const PLACEMENT_REFUSAL_REASON_LABELS: Record<PlacementRefusalReason, string> = {
  'unit-closed': '机构封闭管理中，暂停接收',
  'unit-inactive': '机构已停用',
  'unit-not-for-children': '非儿童福利机构或未成年人救助保护机构',
  'unit-unknown': '未登记的机构',
};

export const TemporaryCareTopic: TopicContract = {
  name: 'institution-monitoring.temporary-care.v1',
  partitions: 6,
  retentionMs: 90 * 24 * 60 * 60 * 1000,
  description: 'Units’ answers to child placement requests: admitted into temporary care or refused, keyed by placement id.',
};

interface AnswerRef {
  /** Social relief's placement, as in its ChildPlacementRequested. */
  placementId: string;
  /** The request answered (its requestNo). */
  requestNo: number;
  unitId: string;
  /** The unit's division. */
  divisionCode: string;
}

export interface ChildPlacementAdmitted extends AnswerRef {
  unitType: UnitType;
  /** The resident the child is in the unit (opaque). */
  residentRef: string;
  /** Isolated on admission (the unit type's rule). */
  isolated: boolean;
  admittedAt: string;
}

export interface ChildPlacementRefused extends AnswerRef {
  reason: PlacementRefusalReason;
  refusedAt: string;
}

const refProperties = {
  placementId: { ...idSchema, description: "Social relief's placement." },
  requestNo: { type: 'integer', minimum: 1, description: 'The request answered.' },
  unitId: { ...idSchema, description: 'The unit asked.' },
  divisionCode: { ...divisionCodeSchema, description: "The unit's division." },
};
const refRequired = ['placementId', 'requestNo', 'unitId', 'divisionCode'];
const refExample = { placementId: 'cp-kp-330521101-7f3a-1', requestNo: 1, unitId: 'u-330521-0003', divisionCode: '330521' };

export const ChildPlacementAdmittedV1 = defineEvent<ChildPlacementAdmitted>({
  name: 'ChildPlacementAdmitted',
  type: 'cn.gov.civilaffairs.institution.child-placement-admitted.v1',
  topic: TemporaryCareTopic,
  source: INSTITUTION_MONITORING_SOURCE,
  description: 'A unit admitted a child left without care as a resident in temporary care. Once per request.',
  keyDescription: 'placementId',
  required: [...refRequired, 'unitType', 'residentRef', 'isolated', 'admittedAt'],
  properties: {
    ...refProperties,
    unitType: { enum: [...UNIT_TYPES] },
    residentRef: { ...idSchema, description: 'The resident the child is in the unit.' },
    isolated: { type: 'boolean', description: 'Isolated on admission.' },
    admittedAt: instantSchema,
  },
  example: {
    ...refExample,
    unitType: 'child-welfare-home',
    residentRef: 'r-cp-4e1a',
    isolated: false,
    admittedAt: '2026-03-04T03:10:02.000Z',
  },
  keyOf: (p) => p.placementId,
  subjectOf: (p) => p.placementId,
  regionOf: (p) => p.divisionCode,
});

export const ChildPlacementRefusedV1 = defineEvent<ChildPlacementRefused>({
  name: 'ChildPlacementRefused',
  type: 'cn.gov.civilaffairs.institution.child-placement-refused.v1',
  topic: TemporaryCareTopic,
  source: INSTITUTION_MONITORING_SOURCE,
  description: 'A unit refused a child placement request (closed, inactive, not a unit for children, unknown). Once per request.',
  keyDescription: 'placementId',
  required: [...refRequired, 'reason', 'refusedAt'],
  properties: {
    ...refProperties,
    reason: { enum: [...PLACEMENT_REFUSAL_REASONS], description: 'Why it was refused.' },
    refusedAt: instantSchema,
  },
  example: { ...refExample, reason: 'unit-closed', refusedAt: '2026-03-04T03:10:02.000Z' },
  keyOf: (p) => p.placementId,
  subjectOf: (p) => p.placementId,
  regionOf: (p) => p.divisionCode,
});
