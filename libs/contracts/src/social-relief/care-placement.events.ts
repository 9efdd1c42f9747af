import { defineEvent, divisionCodeSchema, idSchema, instantSchema, TopicContract } from '../event-contract';
import { SOCIAL_RELIEF_SOURCE } from './topics';

/**
 * Care placements (临时照料安置) of children on a key-person list left without care (无人监护) when
 * their guardian is isolated or hospitalised (seed 001: 因监护人被隔离收治导致无人监护的儿童): temporary
 * care at a 儿童福利机构 / 未成年人救助保护机构, or an entrusted carer (委托照料). Events carry the
 * placement, the child and the unit by opaque reference only: never a name, phone or ID number.
 */
export const CARE_CAUSES = ['guardian-isolated', 'guardian-hospitalised'] as const;
export type CareCause = (typeof CARE_CAUSES)[number];

export const CARE_CAUSE_LABELS: Record<CareCause, string> = {
  'guardian-isolated': '监护人被隔离',
  'guardian-hospitalised': '监护人住院治疗',
};

export const CarePlacementTopic: TopicContract = {
  name: 'social-relief.care-placement.v1',
  partitions: 6,
  retentionMs: 90 * 24 * 60 * 60 * 1000,
  description:
    'Care placements of children left without care: requests to a child-welfare or minors-protection unit, their end, and placements overdue past the regional limit; keyed by placement id.',
};

interface PlacementRef {
  /** The placement (one per child and no-guardian episode). */
  placementId: string;
  /** The child, by opaque reference (the key-person list's person reference). */
  childRef: string;
  /** The child's division (township or village). */
  divisionCode: string;
}

export interface ChildPlacementRequested extends PlacementRef {
  /** The unit asked to take the child into temporary care. */
  unitId: string;
  /** The n-th request of this placement (a refused one may be followed by another unit). */
  requestNo: number;
  requestedAt: string;
}

export interface ChildPlacementEnded extends PlacementRef {
  /** The unit that cared for the child, when placed in one (it discharges the child); null for an entrusted carer. */
  unitId: string | null;
  /** The request the unit admitted under, null when not placed in a unit. */
  requestNo: number | null;
  endedAt: string;
}

export interface ChildPlacementOverdue extends PlacementRef {
  cause: CareCause;
  /** When the placement opened (the flag was raised). */
  openedAt: string;
  /** The regional limit that applied, in hours. */
  limitHours: number;
  dueAt: string;
  detectedAt: string;
}

export interface ChildPlacementOverdueCleared extends PlacementRef {
  /** Placed late, or ended (guardian back) before any placement. */
  outcome: 'placed' | 'ended';
  clearedAt: string;
}

const refProperties = {
  placementId: { ...idSchema, description: 'The care placement.' },
  childRef: { ...idSchema, description: 'Opaque reference to the child.' },
  divisionCode: { ...divisionCodeSchema, description: "The child's division." },
};
const refRequired = ['placementId', 'childRef', 'divisionCode'];
const refExample = { placementId: 'cp-kp-330521101-7f3a-1', childRef: 'p-9c2e41', divisionCode: '330521101' };

export const ChildPlacementRequestedV1 = defineEvent<ChildPlacementRequested>({
  name: 'ChildPlacementRequested',
  type: 'cn.gov.civilaffairs.social-relief.child-placement-requested.v1',
  topic: CarePlacementTopic,
  source: SOCIAL_RELIEF_SOURCE,
  description:
    'Social relief asks a 儿童福利机构 or 未成年人救助保护机构 to take a child left without care into temporary care. The unit answers with ChildPlacementAdmitted or ChildPlacementRefused.',
  keyDescription: 'placementId',
  required: [...refRequired, 'unitId', 'requestNo', 'requestedAt'],
  properties: {
    ...refProperties,
    unitId: { ...idSchema, description: 'The unit asked.' },
    requestNo: { type: 'integer', minimum: 1, description: 'The n-th request of this placement.' },
    requestedAt: instantSchema,
  },
  example: { ...refExample, unitId: 'u-330521-0003', requestNo: 1, requestedAt: '2026-03-04T03:10:00.000Z' },
  keyOf: (p) => p.placementId,
  subjectOf: (p) => p.placementId,
  regionOf: (p) => p.divisionCode,
});

export const ChildPlacementEndedV1 = defineEvent<ChildPlacementEnded>({
  name: 'ChildPlacementEnded',
  type: 'cn.gov.civilaffairs.social-relief.child-placement-ended.v1',
  topic: CarePlacementTopic,
  source: SOCIAL_RELIEF_SOURCE,
  description: 'A care placement ended (the guardian is back). A unit caring for the child discharges it. Once per placement.',
  keyDescription: 'placementId',
  required: [...refRequired, 'unitId', 'requestNo', 'endedAt'],
  properties: {
    ...refProperties,
    unitId: {
      anyOf: [idSchema, { type: 'null' }],
      description: 'The unit caring for the child, or null (entrusted carer, or never placed).',
    },
    requestNo: { anyOf: [{ type: 'integer', minimum: 1 }, { type: 'null' }], description: 'The request the unit admitted under.' },
    endedAt: instantSchema,
  },
  example: { ...refExample, unitId: 'u-330521-0003', requestNo: 1, endedAt: '2026-03-18T02:00:00.000Z' },
  keyOf: (p) => p.placementId,
  subjectOf: (p) => p.placementId,
  regionOf: (p) => p.divisionCode,
});

export const ChildPlacementOverdueV1 = defineEvent<ChildPlacementOverdue>({
  name: 'ChildPlacementOverdue',
  type: 'cn.gov.civilaffairs.social-relief.child-placement-overdue.v1',
  topic: CarePlacementTopic,
  source: SOCIAL_RELIEF_SOURCE,
  description: 'A child left without care was not placed (unit or entrusted carer) within the regional limit. Once per placement.',
  keyDescription: 'placementId',
  required: [...refRequired, 'cause', 'openedAt', 'limitHours', 'dueAt', 'detectedAt'],
  properties: {
    ...refProperties,
    cause: { enum: [...CARE_CAUSES], description: 'Why the child is without care.' },
    openedAt: { ...instantSchema, description: 'When the placement opened.' },
    limitHours: { type: 'integer', minimum: 1, description: 'The limit that applied (hours).' },
    dueAt: { ...instantSchema, description: 'When the child was to be placed by.' },
    detectedAt: instantSchema,
  },
  example: {
    ...refExample,
    cause: 'guardian-isolated',
    openedAt: '2026-03-04T03:00:00.000Z',
    limitHours: 24,
    dueAt: '2026-03-05T03:00:00.000Z',
    detectedAt: '2026-03-05T03:00:05.000Z',
  },
  keyOf: (p) => p.placementId,
  subjectOf: (p) => p.placementId,
  regionOf: (p) => p.divisionCode,
});

export const ChildPlacementOverdueClearedV1 = defineEvent<ChildPlacementOverdueCleared>({
  name: 'ChildPlacementOverdueCleared',
  type: 'cn.gov.civilaffairs.social-relief.child-placement-overdue-cleared.v1',
  topic: CarePlacementTopic,
  source: SOCIAL_RELIEF_SOURCE,
  description: 'An overdue child was placed, or the placement ended before one. Once per placement, after its ChildPlacementOverdue.',
  keyDescription: 'placementId',
  required: [...refRequired, 'outcome', 'clearedAt'],
  properties: {
    ...refProperties,
    outcome: { enum: ['placed', 'ended'], description: 'Placed late, or ended (guardian back) first.' },
    clearedAt: instantSchema,
  },
  example: { ...refExample, outcome: 'placed', clearedAt: '2026-03-05T06:00:00.000Z' },
  keyOf: (p) => p.placementId,
  subjectOf: (p) => p.placementId,
  regionOf: (p) => p.divisionCode,
});
