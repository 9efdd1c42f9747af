import { defineEvent, divisionCodeSchema, fenSchema, idSchema, instantSchema } from '../event-contract';
import { BenefitTopic, SOCIAL_RELIEF_SOURCE } from './topics';
import { RELIEF_REGISTERS, ReliefRegister, ROUND_KINDS, RoundKind } from './vocabulary';

export interface EntitlementIssued {
  /** Id of the entitlement: one per round and beneficiary, however often the round is run. */
  entitlementId: string;
  roundId: string;
  roundKind: RoundKind;
  /** A person (vouchers), a household (a round issued per household, e.g. kits) or a unit (the bed subsidy). */
  beneficiaryType: 'person' | 'household' | 'unit';
  /** The person or household by opaque reference, or the unit id. */
  beneficiaryRef: string;
  /** The register that made the person (or, for a household, its most severe member) eligible; null for the bed subsidy. */
  register: ReliefRegister | null;
  /** How many (beds in use for the bed subsidy; 1 otherwise). */
  quantity: number;
  /** Total amount (fen). */
  amountFen: number;
  divisionCode: string;
  issuedAt: string;
}

export interface EntitlementRedeemed {
  entitlementId: string;
  roundId: string;
  beneficiaryRef: string;
  divisionCode: string;
  amountFen: number;
  redeemedAt: string;
}

export const EntitlementIssuedV1 = defineEvent<EntitlementIssued>({
  name: 'EntitlementIssued',
  type: 'cn.gov.civilaffairs.social-relief.entitlement-issued.v1',
  topic: BenefitTopic,
  source: SOCIAL_RELIEF_SOURCE,
  description:
    'A benefit round issued an entitlement (e.g. 300 yuan of consumption vouchers, or 1000 yuan per bed in use). Exactly once per round and beneficiary.',
  keyDescription: 'beneficiaryRef',
  required: [
    'entitlementId',
    'roundId',
    'roundKind',
    'beneficiaryType',
    'beneficiaryRef',
    'register',
    'quantity',
    'amountFen',
    'divisionCode',
    'issuedAt',
  ],
  properties: {
    entitlementId: { ...idSchema, description: 'One per round and beneficiary.' },
    roundId: { ...idSchema, description: 'The round.' },
    roundKind: { enum: [...ROUND_KINDS], description: 'What the round gives.' },
    beneficiaryType: { enum: ['person', 'household', 'unit'], description: 'Whom the round issues to.' },
    beneficiaryRef: { ...idSchema, description: 'Opaque person or household reference, or unit id.' },
    register: { anyOf: [{ enum: [...RELIEF_REGISTERS] }, { type: 'null' }], description: 'Register that made the person eligible.' },
    quantity: { type: 'integer', minimum: 1, description: 'Beds in use for the bed subsidy; 1 otherwise.' },
    amountFen: { ...fenSchema, description: 'Total amount (fen).' },
    divisionCode: divisionCodeSchema,
    issuedAt: instantSchema,
  },
  example: {
    entitlementId: 'ent-r2022q4-p-9c2e41',
    roundId: 'voucher-2022-year-end',
    roundKind: 'consumption-voucher',
    beneficiaryType: 'person',
    beneficiaryRef: 'p-9c2e41',
    register: 'dibao',
    quantity: 1,
    amountFen: 30000,
    divisionCode: '330521101',
    issuedAt: '2026-03-04T03:00:00.000Z',
  },
  keyOf: (p) => p.beneficiaryRef,
  subjectOf: (p) => p.entitlementId,
  regionOf: (p) => p.divisionCode,
});

export const EntitlementRedeemedV1 = defineEvent<EntitlementRedeemed>({
  name: 'EntitlementRedeemed',
  type: 'cn.gov.civilaffairs.social-relief.entitlement-redeemed.v1',
  topic: BenefitTopic,
  source: SOCIAL_RELIEF_SOURCE,
  description: 'An issued entitlement was redeemed (voucher used, kit collected, subsidy paid). Once.',
  keyDescription: 'beneficiaryRef',
  required: ['entitlementId', 'roundId', 'beneficiaryRef', 'divisionCode', 'amountFen', 'redeemedAt'],
  properties: {
    entitlementId: idSchema,
    roundId: idSchema,
    beneficiaryRef: idSchema,
    divisionCode: divisionCodeSchema,
    amountFen: fenSchema,
    redeemedAt: instantSchema,
  },
  example: {
    entitlementId: 'ent-r2022q4-p-9c2e41',
    roundId: 'voucher-2022-year-end',
    beneficiaryRef: 'p-9c2e41',
    divisionCode: '330521101',
    amountFen: 30000,
    redeemedAt: '2026-03-06T05:00:00.000Z',
  },
  keyOf: (p) => p.beneficiaryRef,
  subjectOf: (p) => p.entitlementId,
  regionOf: (p) => p.divisionCode,
});
