import { dataSchemaUri, EventContract, idSchema, instantSchema } from '../event-contract';
import { InstitutionTopic, INSTITUTION_MONITORING_SOURCE } from './topics';
import { UnitRef, unitRefProperties, unitRefRequired } from './unit-ref';

/** A unit under closed management (封闭管理): no admissions, no visits, no returns from leave. */
export interface InstitutionClosed extends UnitRef {
  /** The order that closed it (a unit's own order, or a region-wide closure order). */
  orderId: string;
  /** Why, as the order states it. */
  reason: string;
  /** Set when the unit was closed by a region-wide order; null for a single-unit order. */
  regionOrderId: string | null;
  /** When closed management began. */
  closedAt: string;
}

export interface InstitutionReopened extends UnitRef {
  /** The order that had closed it. */
  closedByOrderId: string;
  /** The order, or decision, that reopened it. */
  reopenOrderId: string;
  /** When closed management ended. */
  reopenedAt: string;
  /** Days spent closed, counted on the Beijing calendar. */
  closedDays: number;
}

const closedType = 'cn.gov.civilaffairs.institution.institution-closed.v1';
const reopenedType = 'cn.gov.civilaffairs.institution.institution-reopened.v1';

export const InstitutionClosedV1: EventContract<InstitutionClosed> = {
  name: 'InstitutionClosed',
  type: closedType,
  version: 1,
  topic: InstitutionTopic.name,
  source: INSTITUTION_MONITORING_SOURCE,
  description: 'A unit went under closed management (封闭管理) by an order. One event per unit, also for a region-wide order.',
  keyDescription: 'unitId',
  schema: {
    $id: dataSchemaUri(closedType),
    type: 'object',
    required: [...unitRefRequired, 'orderId', 'reason', 'regionOrderId', 'closedAt'],
    properties: {
      ...unitRefProperties,
      orderId: { ...idSchema, description: 'The order that closed the unit.' },
      reason: { type: 'string', minLength: 1, maxLength: 500, description: 'Why, as the order states it.' },
      regionOrderId: { anyOf: [idSchema, { type: 'null' }], description: 'The region-wide closure order, if that is what closed it.' },
      closedAt: { ...instantSchema, description: 'When closed management began.' },
    },
  },
  example: {
    unitId: 'u-330521-0001',
    unitType: 'elderly-care-home',
    divisionCode: '330521101',
    orderId: 'ro-330521-2026-003',
    reason: '县疫情防控指挥部通知：全县养老机构实行封闭管理',
    regionOrderId: 'ro-330521-2026-003',
    closedAt: '2026-03-03T00:00:00.000Z',
  },
  keyOf: (p) => p.unitId,
  subjectOf: (p) => p.unitId,
  regionOf: (p) => p.divisionCode,
};

export const InstitutionReopenedV1: EventContract<InstitutionReopened> = {
  name: 'InstitutionReopened',
  type: reopenedType,
  version: 1,
  topic: InstitutionTopic.name,
  source: INSTITUTION_MONITORING_SOURCE,
  description: 'Closed management of a unit ended; admissions, visits and returns from leave are accepted again.',
  keyDescription: 'unitId',
  schema: {
    $id: dataSchemaUri(reopenedType),
    type: 'object',
    required: [...unitRefRequired, 'closedByOrderId', 'reopenOrderId', 'reopenedAt', 'closedDays'],
    properties: {
      ...unitRefProperties,
      closedByOrderId: { ...idSchema, description: 'The order that had closed the unit.' },
      reopenOrderId: { ...idSchema, description: 'The order or decision that reopened it.' },
      reopenedAt: { ...instantSchema, description: 'When closed management ended.' },
      closedDays: { type: 'integer', minimum: 0, description: 'Days spent closed (Beijing calendar).' },
    },
  },
  example: {
    unitId: 'u-330521-0001',
    unitType: 'elderly-care-home',
    divisionCode: '330521101',
    closedByOrderId: 'ro-330521-2026-003',
    reopenOrderId: 'reopen-330521-2026-001',
    reopenedAt: '2026-04-02T00:00:00.000Z',
    closedDays: 30,
  },
  keyOf: (p) => p.unitId,
  subjectOf: (p) => p.unitId,
  regionOf: (p) => p.divisionCode,
};
