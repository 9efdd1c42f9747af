import { defineEvent, idSchema, instantSchema, localDateSchema } from '../event-contract';
import { INSTITUTION_MONITORING_SOURCE, PlacementTopic, ServiceWindowTopic } from './topics';
import { UnitRef, unitRefProperties, unitRefRequired } from './unit-ref';

/** Why a marriage-registration appointment was cancelled. */
export const APPOINTMENT_CANCELLATION_CAUSES = ['withdrawn', 'day-suspended'] as const;
export type AppointmentCancellationCause = (typeof APPOINTMENT_CANCELLATION_CAUSES)[number];

/** A day a service window does not serve, announced ahead (关于取消…婚姻登记工作的公告). */
export interface ServiceDaySuspended extends UnitRef {
  /** The notice (公告) that suspends the day. */
  noticeId: string;
  /** The suspended day, Beijing calendar. */
  date: string;
  /** Why, as the notice states it (public text). */
  reason: string;
  /** When the notice was published. */
  announcedAt: string;
  /** Whole days between the day of the notice and the suspended day. */
  daysAhead: number;
  /** Appointments on the day cancelled by the notice (each has its own MarriageAppointmentCancelled). */
  cancelledAppointments: number;
}

/** A marriage-registration appointment (婚姻登记预约) cancelled: the people holding it are to be told. */
export interface MarriageAppointmentCancelled extends UnitRef {
  /** The appointment; the window's desk looks the contact up by it. */
  appointmentRef: string;
  /** Its day and slot start (HH:mm, Beijing). */
  date: string;
  slotStart: string;
  cause: AppointmentCancellationCause;
  /** The suspension notice, when that is the cause. */
  noticeId: string | null;
  cancelledAt: string;
}

export const PLACEMENT_KINDS = ['adoption-placement', 'family-return'] as const;
/** 送养 (a child welfare home places a child for adoption) or 送返寻亲 (a relief station returns a rescued person to the family). */
export type PlacementKind = (typeof PLACEMENT_KINDS)[number];

export interface PlacementHeld extends UnitRef {
  placementRef: string;
  kind: PlacementKind;
  /** The day it was scheduled for. */
  scheduledDate: string;
  /** The order that closed the unit. */
  closureOrderId: string;
  heldAt: string;
}

export interface PlacementResumed extends UnitRef {
  placementRef: string;
  kind: PlacementKind;
  scheduledDate: string;
  closureOrderId: string;
  /** The order or decision that ended closed management. */
  reopenOrderId: string;
  resumedAt: string;
}

const unit = unitRefProperties;

export const ServiceDaySuspendedV1 = defineEvent<ServiceDaySuspended>({
  name: 'ServiceDaySuspended',
  type: 'cn.gov.civilaffairs.institution.service-day-suspended.v1',
  topic: ServiceWindowTopic,
  source: INSTITUTION_MONITORING_SOURCE,
  description:
    'A service window announced, at least the regional notice period ahead, that it does not serve on a day (暂停办理); bookings for the day are refused and those it held are cancelled. Once per unit and day.',
  keyDescription: 'unitId',
  required: [...unitRefRequired, 'noticeId', 'date', 'reason', 'announcedAt', 'daysAhead', 'cancelledAppointments'],
  properties: {
    ...unit,
    noticeId: { ...idSchema, description: 'The suspension notice (公告).' },
    date: { ...localDateSchema, description: 'The suspended day (Beijing).' },
    reason: { type: 'string', minLength: 1, maxLength: 500, description: 'Why, as the notice states it.' },
    announcedAt: { ...instantSchema, description: 'When the notice was published.' },
    daysAhead: { type: 'integer', minimum: 0, description: 'Days from the notice to the suspended day (Beijing calendar).' },
    cancelledAppointments: { type: 'integer', minimum: 0, description: 'Appointments on the day the notice cancelled.' },
  },
  example: {
    unitId: 'u-330521-mr-01',
    unitType: 'service-window',
    divisionCode: '330521001',
    noticeId: 'gg-330521-2026-002',
    date: '2026-02-02',
    reason: '疫情防控期间取消2月2日婚姻登记工作',
    announcedAt: '2026-01-27T02:00:00.000Z',
    daysAhead: 6,
    cancelledAppointments: 2,
  },
  keyOf: (p) => p.unitId,
  subjectOf: (p) => `${p.unitId}:${p.date}`,
  regionOf: (p) => p.divisionCode,
});

export const MarriageAppointmentCancelledV1 = defineEvent<MarriageAppointmentCancelled>({
  name: 'MarriageAppointmentCancelled',
  type: 'cn.gov.civilaffairs.institution.marriage-appointment-cancelled.v1',
  topic: ServiceWindowTopic,
  source: INSTITUTION_MONITORING_SOURCE,
  description:
    'A marriage-registration appointment was cancelled — withdrawn, or by a suspension notice for its day — so the people holding it can be told. The appointment ref only; no names or phones.',
  keyDescription: 'unitId',
  required: [...unitRefRequired, 'appointmentRef', 'date', 'slotStart', 'cause', 'noticeId', 'cancelledAt'],
  properties: {
    ...unit,
    appointmentRef: { ...idSchema, description: 'The appointment.' },
    date: { ...localDateSchema, description: 'Its day (Beijing).' },
    slotStart: { type: 'string', pattern: '^([01]\\d|2[0-3]):[0-5]\\d$', description: 'Start of its slot, HH:mm Beijing.' },
    cause: { enum: [...APPOINTMENT_CANCELLATION_CAUSES], description: 'withdrawn (by the couple or the desk) or day-suspended.' },
    noticeId: { anyOf: [idSchema, { type: 'null' }], description: 'The suspension notice, when that is the cause.' },
    cancelledAt: instantSchema,
  },
  example: {
    unitId: 'u-330521-mr-01',
    unitType: 'service-window',
    divisionCode: '330521001',
    appointmentRef: 'ma-20260202-0930-1a2b3c4d',
    date: '2026-02-02',
    slotStart: '09:30',
    cause: 'day-suspended',
    noticeId: 'gg-330521-2026-002',
    cancelledAt: '2026-01-27T02:00:00.000Z',
  },
  keyOf: (p) => p.unitId,
  subjectOf: (p) => p.appointmentRef,
  regionOf: (p) => p.divisionCode,
});

const placement = {
  ...unit,
  placementRef: { ...idSchema, description: 'The placement.' },
  kind: { enum: [...PLACEMENT_KINDS], description: 'adoption-placement (送养) or family-return (送返寻亲).' },
  scheduledDate: { ...localDateSchema, description: 'The day it is scheduled for (Beijing).' },
  closureOrderId: { ...idSchema, description: 'The order that closed the unit.' },
} as const;

export const PlacementHeldV1 = defineEvent<PlacementHeld>({
  name: 'PlacementHeld',
  type: 'cn.gov.civilaffairs.institution.placement-held.v1',
  topic: PlacementTopic,
  source: INSTITUTION_MONITORING_SOURCE,
  description:
    'A scheduled adoption placement (暂停送养) or return to the family (暂停送返寻亲) was put on hold because its unit went under closed management. Once per placement and closure.',
  keyDescription: 'unitId',
  required: [...unitRefRequired, 'placementRef', 'kind', 'scheduledDate', 'closureOrderId', 'heldAt'],
  properties: { ...placement, heldAt: instantSchema },
  example: {
    unitId: 'u-330521-cw-01',
    unitType: 'child-welfare-home',
    divisionCode: '330521001',
    placementRef: 'pl-20260205-5e6f7a8b',
    kind: 'adoption-placement',
    scheduledDate: '2026-02-05',
    closureOrderId: 'co-330521-2026-001',
    heldAt: '2026-01-22T04:00:00.000Z',
  },
  keyOf: (p) => p.unitId,
  subjectOf: (p) => p.placementRef,
  regionOf: (p) => p.divisionCode,
});

export const PlacementResumedV1 = defineEvent<PlacementResumed>({
  name: 'PlacementResumed',
  type: 'cn.gov.civilaffairs.institution.placement-resumed.v1',
  topic: PlacementTopic,
  source: INSTITUTION_MONITORING_SOURCE,
  description:
    'A placement held by closed management is scheduled again: the unit reopened. Once per placement and closure; the scheduled day is kept (the unit sets a new one if it has passed).',
  keyDescription: 'unitId',
  required: [...unitRefRequired, 'placementRef', 'kind', 'scheduledDate', 'closureOrderId', 'reopenOrderId', 'resumedAt'],
  properties: {
    ...placement,
    reopenOrderId: { ...idSchema, description: 'The order or decision that ended closed management.' },
    resumedAt: instantSchema,
  },
  example: {
    unitId: 'u-330521-cw-01',
    unitType: 'child-welfare-home',
    divisionCode: '330521001',
    placementRef: 'pl-20260205-5e6f7a8b',
    kind: 'adoption-placement',
    scheduledDate: '2026-02-05',
    closureOrderId: 'co-330521-2026-001',
    reopenOrderId: 'reopen-330521-2026-001',
    resumedAt: '2026-03-10T01:00:00.000Z',
  },
  keyOf: (p) => p.unitId,
  subjectOf: (p) => p.placementRef,
  regionOf: (p) => p.divisionCode,
});
