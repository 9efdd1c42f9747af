import { defineEvent, divisionCodeSchema, idSchema, instantSchema } from '../event-contract';
import { CeremonyTopic, EquipmentTopic, FuneralCaseTopic, FuneralHomeTopic, FUNERAL_OPERATIONS_SOURCE } from './topics';
import {
  CAPACITY_MEASURES,
  CapacityMeasure,
  CEREMONY_KINDS,
  CeremonyKind,
  EQUIPMENT_KINDS,
  EquipmentKind,
  FUNERAL_CASE_STATUSES,
  FuneralCaseStatus,
} from './vocabulary';

/** A case moved on (custody log entry): intake, dispatch, pick-up, storage, scheduling, cremation, release. */
export interface FuneralCaseMoved {
  caseId: string;
  homeId: string;
  divisionCode: string;
  from: FuneralCaseStatus | null;
  to: FuneralCaseStatus;
  /** Infectious-disease death: no ceremony, direct cremation within the protocol's limit, with the CDC. */
  infectious: boolean;
  /** Where the case came from: a ResidentDied event (its death id) or direct intake. */
  origin: 'resident-died' | 'direct';
  /** The unit the deceased lived in, if any. */
  unitId: string | null;
  /** Cremation deadline under the infectious protocol; null otherwise. */
  cremateBy: string | null;
  at: string;
}

export interface EquipmentFaultReported {
  equipmentId: string;
  kind: EquipmentKind;
  homeId: string;
  divisionCode: string;
  faultId: string;
  /** What is wrong (no personal data). */
  description: string;
  /** The equipment can no longer be used until repaired. */
  outOfService: boolean;
  reportedAt: string;
}

export interface EquipmentRepaired {
  equipmentId: string;
  kind: EquipmentKind;
  homeId: string;
  divisionCode: string;
  faultId: string;
  repairedAt: string;
}

export interface MaintenanceCheckMissed {
  equipmentId: string;
  kind: EquipmentKind;
  homeId: string;
  divisionCode: string;
  /** The Beijing day without a check. */
  day: string;
  detectedAt: string;
}

export interface CapacityStrained {
  homeId: string;
  divisionCode: string;
  episodeId: string;
  measure: CapacityMeasure;
  /** Occupancy (cold storage) or backlog ratio (hours queued / hours available), 0–… */
  ratio: number;
  threshold: number;
  /** Other homes of the region with free capacity, best first. */
  alternatives: string[];
  detectedAt: string;
}

export interface CapacityRecovered {
  homeId: string;
  divisionCode: string;
  episodeId: string;
  measure: CapacityMeasure;
  ratio: number;
  threshold: number;
  recoveredAt: string;
}

export interface DisinfectionRoundMissed {
  homeId: string;
  divisionCode: string;
  /** The crowded area (e.g. hall, waiting room). */
  area: string;
  /** When the round was due (every 2 hours during opening time). */
  dueAt: string;
  detectedAt: string;
}

export interface CeremoniesSuspended {
  orderId: string;
  divisionCode: string;
  kinds: CeremonyKind[];
  reason: string;
  from: string;
  /** Until when; null until lifted. */
  until: string | null;
}

export interface CeremonySuspensionLifted {
  orderId: string;
  divisionCode: string;
  kinds: CeremonyKind[];
  liftedAt: string;
}

const statusSchema = { enum: [...FUNERAL_CASE_STATUSES] };
const home = { homeId: { ...idSchema, description: 'The funeral home (殡仪馆).' }, divisionCode: divisionCodeSchema };
const equipment = { equipmentId: { ...idSchema, description: 'The vehicle or cremator.' }, kind: { enum: [...EQUIPMENT_KINDS] }, ...home };
const capacity = {
  ...home,
  episodeId: { ...idSchema, description: 'Home, measure and episode number.' },
  measure: { enum: [...CAPACITY_MEASURES] },
  ratio: { type: 'number', minimum: 0 },
  threshold: { type: 'number', minimum: 0 },
};
const ceremonies = {
  orderId: { ...idSchema, description: 'The suspension order.' },
  divisionCode: divisionCodeSchema,
  kinds: { type: 'array', items: { enum: [...CEREMONY_KINDS] }, description: 'Ceremonies suspended.' },
};

export const FuneralCaseMovedV1 = defineEvent<FuneralCaseMoved>({
  name: 'FuneralCaseMoved',
  type: 'cn.gov.civilaffairs.funeral.case-moved.v1',
  topic: FuneralCaseTopic,
  source: FUNERAL_OPERATIONS_SOURCE,
  description: 'A funeral case moved on its way from intake to remains released; every move is in the custody log.',
  keyDescription: 'caseId',
  required: ['caseId', 'homeId', 'divisionCode', 'from', 'to', 'infectious', 'origin', 'unitId', 'cremateBy', 'at'],
  properties: {
    caseId: { ...idSchema, description: 'The case.' },
    ...home,
    from: { anyOf: [statusSchema, { type: 'null' }], description: 'Status before (null at intake).' },
    to: { ...statusSchema, description: 'Status after.' },
    infectious: { type: 'boolean', description: 'Infectious-disease protocol applies.' },
    origin: { enum: ['resident-died', 'direct'], description: 'How the case came in.' },
    unitId: { anyOf: [idSchema, { type: 'null' }], description: 'The unit the deceased lived in, if any.' },
    cremateBy: { anyOf: [instantSchema, { type: 'null' }], description: 'Protocol deadline for cremation.' },
    at: instantSchema,
  },
  example: {
    caseId: 'fc-330521-0007',
    homeId: 'deqing-funeral-home',
    divisionCode: '330521',
    from: 'stored',
    to: 'scheduled',
    infectious: true,
    origin: 'resident-died',
    unitId: 'u-330521-0001',
    cremateBy: '2026-03-07T13:20:00.000Z',
    at: '2026-03-06T15:00:00.000Z',
  },
  keyOf: (p) => p.caseId,
  subjectOf: (p) => p.caseId,
  regionOf: (p) => p.divisionCode,
});

export const EquipmentFaultReportedV1 = defineEvent<EquipmentFaultReported>({
  name: 'EquipmentFaultReported',
  type: 'cn.gov.civilaffairs.funeral.equipment-fault-reported.v1',
  topic: EquipmentTopic,
  source: FUNERAL_OPERATIONS_SOURCE,
  description: 'A vehicle or cremator has a fault (found at the daily check or in use).',
  keyDescription: 'equipmentId',
  required: ['equipmentId', 'kind', 'homeId', 'divisionCode', 'faultId', 'description', 'outOfService', 'reportedAt'],
  properties: {
    ...equipment,
    faultId: { ...idSchema, description: 'The fault.' },
    description: { type: 'string', minLength: 1, maxLength: 500, description: 'What is wrong.' },
    outOfService: { type: 'boolean', description: 'Unusable until repaired.' },
    reportedAt: instantSchema,
  },
  example: {
    equipmentId: 'deqing-cremator-2',
    kind: 'cremator',
    homeId: 'deqing-funeral-home',
    divisionCode: '330521',
    faultId: 'f-0012',
    description: '主燃烧器点火失败',
    outOfService: true,
    reportedAt: '2026-03-06T00:30:00.000Z',
  },
  keyOf: (p) => p.equipmentId,
  subjectOf: (p) => p.faultId,
  regionOf: (p) => p.divisionCode,
});

export const EquipmentRepairedV1 = defineEvent<EquipmentRepaired>({
  name: 'EquipmentRepaired',
  type: 'cn.gov.civilaffairs.funeral.equipment-repaired.v1',
  topic: EquipmentTopic,
  source: FUNERAL_OPERATIONS_SOURCE,
  description: 'A reported fault was repaired; the equipment is back in service.',
  keyDescription: 'equipmentId',
  required: ['equipmentId', 'kind', 'homeId', 'divisionCode', 'faultId', 'repairedAt'],
  properties: { ...equipment, faultId: { ...idSchema, description: 'The fault repaired.' }, repairedAt: instantSchema },
  example: {
    equipmentId: 'deqing-cremator-2',
    kind: 'cremator',
    homeId: 'deqing-funeral-home',
    divisionCode: '330521',
    faultId: 'f-0012',
    repairedAt: '2026-03-06T06:00:00.000Z',
  },
  keyOf: (p) => p.equipmentId,
  subjectOf: (p) => p.faultId,
  regionOf: (p) => p.divisionCode,
});

export const MaintenanceCheckMissedV1 = defineEvent<MaintenanceCheckMissed>({
  name: 'MaintenanceCheckMissed',
  type: 'cn.gov.civilaffairs.funeral.maintenance-check-missed.v1',
  topic: EquipmentTopic,
  source: FUNERAL_OPERATIONS_SOURCE,
  description: 'A vehicle or cremator had no daily maintenance check on a day. Once per equipment and day.',
  keyDescription: 'equipmentId',
  required: ['equipmentId', 'kind', 'homeId', 'divisionCode', 'day', 'detectedAt'],
  properties: {
    ...equipment,
    day: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'The Beijing day without a check.' },
    detectedAt: instantSchema,
  },
  example: {
    equipmentId: 'deqing-vehicle-1',
    kind: 'vehicle',
    homeId: 'deqing-funeral-home',
    divisionCode: '330521',
    day: '2026-03-06',
    detectedAt: '2026-03-06T16:00:05.000Z',
  },
  keyOf: (p) => p.equipmentId,
  subjectOf: (p) => `${p.equipmentId}:${p.day}`,
  regionOf: (p) => p.divisionCode,
});

export const CapacityStrainedV1 = defineEvent<CapacityStrained>({
  name: 'CapacityStrained',
  type: 'cn.gov.civilaffairs.funeral.capacity-strained.v1',
  topic: FuneralHomeTopic,
  source: FUNERAL_OPERATIONS_SOURCE,
  description: 'A home’s cold storage or cremation backlog went above the threshold; other homes with room are proposed. Once per episode.',
  keyDescription: 'homeId',
  required: ['homeId', 'divisionCode', 'episodeId', 'measure', 'ratio', 'threshold', 'alternatives', 'detectedAt'],
  properties: {
    ...capacity,
    alternatives: { type: 'array', items: idSchema, description: 'Other homes of the region with room, best first.' },
    detectedAt: instantSchema,
  },
  example: {
    homeId: 'deqing-funeral-home',
    divisionCode: '330521',
    episodeId: 'deqing-funeral-home:cremation-backlog:2',
    measure: 'cremation-backlog',
    ratio: 1.35,
    threshold: 0.9,
    alternatives: ['anji-funeral-home'],
    detectedAt: '2026-03-06T08:00:00.000Z',
  },
  keyOf: (p) => p.homeId,
  subjectOf: (p) => p.episodeId,
  regionOf: (p) => p.divisionCode,
});

export const CapacityRecoveredV1 = defineEvent<CapacityRecovered>({
  name: 'CapacityRecovered',
  type: 'cn.gov.civilaffairs.funeral.capacity-recovered.v1',
  topic: FuneralHomeTopic,
  source: FUNERAL_OPERATIONS_SOURCE,
  description: 'A strained measure fell back below the threshold, ending its episode.',
  keyDescription: 'homeId',
  required: ['homeId', 'divisionCode', 'episodeId', 'measure', 'ratio', 'threshold', 'recoveredAt'],
  properties: { ...capacity, recoveredAt: instantSchema },
  example: {
    homeId: 'deqing-funeral-home',
    divisionCode: '330521',
    episodeId: 'deqing-funeral-home:cremation-backlog:2',
    measure: 'cremation-backlog',
    ratio: 0.6,
    threshold: 0.9,
    recoveredAt: '2026-03-07T08:00:00.000Z',
  },
  keyOf: (p) => p.homeId,
  subjectOf: (p) => p.episodeId,
  regionOf: (p) => p.divisionCode,
});

export const DisinfectionRoundMissedV1 = defineEvent<DisinfectionRoundMissed>({
  name: 'DisinfectionRoundMissed',
  type: 'cn.gov.civilaffairs.funeral.disinfection-round-missed.v1',
  topic: FuneralHomeTopic,
  source: FUNERAL_OPERATIONS_SOURCE,
  description: 'A crowded area of a funeral home was not disinfected within 2 hours during opening time. Once per area and due time.',
  keyDescription: 'homeId',
  required: ['homeId', 'divisionCode', 'area', 'dueAt', 'detectedAt'],
  properties: {
    ...home,
    area: { type: 'string', minLength: 1, maxLength: 100, description: 'The crowded area.' },
    dueAt: instantSchema,
    detectedAt: instantSchema,
  },
  example: {
    homeId: 'deqing-funeral-home',
    divisionCode: '330521',
    area: '告别厅',
    dueAt: '2026-03-06T04:00:00.000Z',
    detectedAt: '2026-03-06T04:00:30.000Z',
  },
  keyOf: (p) => p.homeId,
  subjectOf: (p) => `${p.homeId}:${p.area}:${p.dueAt}`,
  regionOf: (p) => p.divisionCode,
});

export const CeremoniesSuspendedV1 = defineEvent<CeremoniesSuspended>({
  name: 'CeremoniesSuspended',
  type: 'cn.gov.civilaffairs.funeral.ceremonies-suspended.v1',
  topic: CeremonyTopic,
  source: FUNERAL_OPERATIONS_SOURCE,
  description: 'An order suspended ceremonies (守灵, 遗体告别, 祭祀) in a region; bookings are refused naming the order.',
  keyDescription: 'orderId',
  required: ['orderId', 'divisionCode', 'kinds', 'reason', 'from', 'until'],
  properties: {
    ...ceremonies,
    reason: { type: 'string', minLength: 1, maxLength: 500 },
    from: instantSchema,
    until: { anyOf: [instantSchema, { type: 'null' }] },
  },
  example: {
    orderId: 'cso-330521-2026-01',
    divisionCode: '330521',
    kinds: ['vigil', 'farewell', 'rites'],
    reason: '疫情期间暂停集中治丧活动，白事简办',
    from: '2026-03-03T00:00:00.000Z',
    until: null,
  },
  keyOf: (p) => p.orderId,
  subjectOf: (p) => p.orderId,
  regionOf: (p) => p.divisionCode,
});

export const CeremonySuspensionLiftedV1 = defineEvent<CeremonySuspensionLifted>({
  name: 'CeremonySuspensionLifted',
  type: 'cn.gov.civilaffairs.funeral.ceremony-suspension-lifted.v1',
  topic: CeremonyTopic,
  source: FUNERAL_OPERATIONS_SOURCE,
  description: 'A ceremony suspension order was lifted.',
  keyDescription: 'orderId',
  required: ['orderId', 'divisionCode', 'kinds', 'liftedAt'],
  properties: { ...ceremonies, liftedAt: instantSchema },
  example: {
    orderId: 'cso-330521-2026-01',
    divisionCode: '330521',
    kinds: ['vigil', 'farewell', 'rites'],
    liftedAt: '2026-04-01T00:00:00.000Z',
  },
  keyOf: (p) => p.orderId,
  subjectOf: (p) => p.orderId,
  regionOf: (p) => p.divisionCode,
});
