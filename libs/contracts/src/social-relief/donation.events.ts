import { defineEvent, divisionCodeSchema, idSchema, instantSchema, TopicContract } from '../event-contract';
import { SOCIAL_RELIEF_SOURCE } from './topics';

/** Who gave (社会捐赠): a social organisation, an individual, an enterprise. */
export const DONOR_KINDS = ['organisation', 'individual', 'enterprise'] as const;
export type DonorKind = (typeof DONOR_KINDS)[number];

/** Money (counted in fen) or goods (counted in their unit). */
export const DONATION_GIFT_KINDS = ['money', 'goods'] as const;
export type DonationGiftKind = (typeof DONATION_GIFT_KINDS)[number];

/** received → partly-allocated → fully-allocated → delivered. */
export const DONATION_STATUSES = ['received', 'partly-allocated', 'fully-allocated', 'delivered'] as const;
export type DonationStatus = (typeof DONATION_STATUSES)[number];

/** An allocation goes to a unit (institution) or to a household. */
export const DONATION_RECIPIENT_TYPES = ['unit', 'household'] as const;
export type DonationRecipientType = (typeof DONATION_RECIPIENT_TYPES)[number];

export const DONATION_STATUS_LABELS: Record<DonationStatus, string> = {
  received: '已接收',
  'partly-allocated': '部分分配',
  'fully-allocated': '已全部分配',
  delivered: '已全部送达',
};
export const DONOR_KIND_LABELS: Record<DonorKind, string> = { organisation: '社会组织', individual: '个人', enterprise: '企业' };
export const DONATION_GIFT_KIND_LABELS: Record<DonationGiftKind, string> = { money: '捐款', goods: '捐物' };
export const DONATION_RECIPIENT_TYPE_LABELS: Record<DonationRecipientType, string> = { unit: '机构', household: '家庭' };

const DAY = 24 * 60 * 60 * 1000;

export const DonationTopic: TopicContract = {
  name: 'social-relief.donation.v1',
  partitions: 3,
  retentionMs: 365 * DAY,
  description: 'Donations (社会捐赠) received and allocated, amounts and references only (never a donor’s name), keyed by donation id.',
};

export interface DonationReceived {
  donationId: string;
  /** The receiving division (county or township). */
  divisionCode: string;
  donorKind: DonorKind;
  giftKind: DonationGiftKind;
  /** The goods' item; null for money. */
  item: string | null;
  /** 'fen' for money; the goods' unit. */
  unit: string;
  quantity: number;
  receivedAt: string;
}

export interface DonationAllocated {
  donationId: string;
  allocationId: string;
  divisionCode: string;
  recipientType: DonationRecipientType;
  /** A unit id, or an opaque household reference. */
  recipientRef: string;
  giftKind: DonationGiftKind;
  unit: string;
  quantity: number;
  /** All allocated of the donation so far, this allocation included. */
  allocatedTotal: number;
  /** What is left to allocate. */
  remaining: number;
  status: DonationStatus;
  allocatedAt: string;
}

export interface DonationDelivered {
  donationId: string;
  allocationId: string;
  divisionCode: string;
  recipientType: DonationRecipientType;
  recipientRef: string;
  quantity: number;
  status: DonationStatus;
  deliveredAt: string;
}

const quantitySchema = { type: 'integer', minimum: 1, description: 'Fen for money; units of the goods otherwise.' } as const;
const statusSchema = { enum: [...DONATION_STATUSES], description: 'The donation’s state after this change.' } as const;

export const DonationReceivedV1 = defineEvent<DonationReceived>({
  name: 'DonationReceived',
  type: 'cn.gov.civilaffairs.social-relief.donation-received.v1',
  topic: DonationTopic,
  source: SOCIAL_RELIEF_SOURCE,
  description: 'A donation of money or goods was received by a division’s civil-affairs bureau (捐赠接收). Never carries the donor’s name.',
  keyDescription: 'donationId',
  required: ['donationId', 'divisionCode', 'donorKind', 'giftKind', 'item', 'unit', 'quantity', 'receivedAt'],
  properties: {
    donationId: { ...idSchema, description: 'The donation.' },
    divisionCode: { ...divisionCodeSchema, description: 'The receiving division.' },
    donorKind: { enum: [...DONOR_KINDS], description: 'Organisation, individual or enterprise.' },
    giftKind: { enum: [...DONATION_GIFT_KINDS], description: 'Money or goods.' },
    item: { anyOf: [{ type: 'string', minLength: 1, maxLength: 50 }, { type: 'null' }], description: 'The goods’ item; null for money.' },
    unit: { type: 'string', minLength: 1, maxLength: 10, description: '“fen” for money; the goods’ unit.' },
    quantity: quantitySchema,
    receivedAt: instantSchema,
  },
  example: {
    donationId: 'don-330521-7f3a2c',
    divisionCode: '330521',
    donorKind: 'enterprise',
    giftKind: 'goods',
    item: '医用口罩',
    unit: '个',
    quantity: 20000,
    receivedAt: '2026-02-03T02:00:00.000Z',
  },
  keyOf: (p) => p.donationId,
  subjectOf: (p) => p.donationId,
  regionOf: (p) => p.divisionCode,
});

export const DonationAllocatedV1 = defineEvent<DonationAllocated>({
  name: 'DonationAllocated',
  type: 'cn.gov.civilaffairs.social-relief.donation-allocated.v1',
  topic: DonationTopic,
  source: SOCIAL_RELIEF_SOURCE,
  description:
    'Part (or the rest) of a donation was allocated to a unit or a household (捐赠分配); allocations never exceed what was received. References and amounts only.',
  keyDescription: 'donationId',
  required: [
    'donationId',
    'allocationId',
    'divisionCode',
    'recipientType',
    'recipientRef',
    'giftKind',
    'unit',
    'quantity',
    'allocatedTotal',
    'remaining',
    'status',
    'allocatedAt',
  ],
  properties: {
    donationId: idSchema,
    allocationId: { ...idSchema, description: 'One per allocation of the donation.' },
    divisionCode: { ...divisionCodeSchema, description: 'The receiving division of the donation.' },
    recipientType: { enum: [...DONATION_RECIPIENT_TYPES], description: 'A unit or a household.' },
    recipientRef: { ...idSchema, description: 'Unit id, or opaque household reference.' },
    giftKind: { enum: [...DONATION_GIFT_KINDS], description: 'Money or goods.' },
    unit: { type: 'string', minLength: 1, maxLength: 10, description: '“fen” for money; the goods’ unit.' },
    quantity: quantitySchema,
    allocatedTotal: { type: 'integer', minimum: 1, description: 'All allocated of the donation so far.' },
    remaining: { type: 'integer', minimum: 0, description: 'Left to allocate.' },
    status: statusSchema,
    allocatedAt: instantSchema,
  },
  example: {
    donationId: 'don-330521-7f3a2c',
    allocationId: 'don-330521-7f3a2c-a1',
    divisionCode: '330521',
    recipientType: 'unit',
    recipientRef: 'xinshi-jinglaoyuan',
    giftKind: 'goods',
    unit: '个',
    quantity: 5000,
    allocatedTotal: 5000,
    remaining: 15000,
    status: 'partly-allocated',
    allocatedAt: '2026-02-04T02:00:00.000Z',
  },
  keyOf: (p) => p.donationId,
  subjectOf: (p) => p.allocationId,
  regionOf: (p) => p.divisionCode,
});

export const DonationDeliveredV1 = defineEvent<DonationDelivered>({
  name: 'DonationDelivered',
  type: 'cn.gov.civilaffairs.social-relief.donation-delivered.v1',
  topic: DonationTopic,
  source: SOCIAL_RELIEF_SOURCE,
  description: 'An allocation of a donation was confirmed delivered to its unit or household (签收). Once per allocation.',
  keyDescription: 'donationId',
  required: ['donationId', 'allocationId', 'divisionCode', 'recipientType', 'recipientRef', 'quantity', 'status', 'deliveredAt'],
  properties: {
    donationId: idSchema,
    allocationId: idSchema,
    divisionCode: { ...divisionCodeSchema, description: 'The receiving division of the donation.' },
    recipientType: { enum: [...DONATION_RECIPIENT_TYPES], description: 'A unit or a household.' },
    recipientRef: { ...idSchema, description: 'Unit id, or opaque household reference.' },
    quantity: quantitySchema,
    status: statusSchema,
    deliveredAt: instantSchema,
  },
  example: {
    donationId: 'don-330521-7f3a2c',
    allocationId: 'don-330521-7f3a2c-a1',
    divisionCode: '330521',
    recipientType: 'unit',
    recipientRef: 'xinshi-jinglaoyuan',
    quantity: 5000,
    status: 'partly-allocated',
    deliveredAt: '2026-02-05T02:00:00.000Z',
  },
  keyOf: (p) => p.donationId,
  subjectOf: (p) => p.allocationId,
  regionOf: (p) => p.divisionCode,
});
