import { DomainError } from '@civil/kernel';
import type { DonationGiftKind, DonationRecipientType, DonationStatus, DonorKind } from '@civil/contracts';

/**
 * A donation (社会捐赠) received by a division's civil-affairs bureau: money in fen, or goods (an item,
 * a quantity and its unit). It is allocated to units (institutions this service knows) or to
 * households, possibly in parts — never more in all than was received — and each allocation is
 * confirmed delivered. States: received → partly-allocated → fully-allocated → delivered (every
 * allocation of a fully allocated donation delivered). Seed 001: 捐赠款物接收使用全流程公开透明.
 *
 * An individual donor's name is personal data: kept encrypted (and masked for officers), never in
 * an event or the public disclosure. Organisations' and enterprises' names are theirs to publish
 * but are not put in events either (events carry references and amounts only).
 */
export interface DonationGift {
  kind: DonationGiftKind;
  /** What the goods are (口罩, 大米); null for money. */
  item: string | null;
  /** 'fen' for money; the goods' unit (个, 袋, 箱). */
  unit: string;
  /** How much was received: fen, or the number of units. */
  quantity: number;
}

export interface Donor {
  kind: DonorKind;
  nameEnc: string;
  nameMasked: string;
}

export interface Allocation {
  allocationId: string;
  recipientType: DonationRecipientType;
  /** The unit id or the household id. */
  recipientRef: string;
  /** A unit's type (敬老院, 儿童福利院…) as this service's institution copy had it; null for a household. */
  unitType: string | null;
  /** Where the recipient is. */
  divisionCode: string;
  quantity: number;
  allocatedAt: Date;
  allocatedBy: string;
  deliveredAt: Date | null;
  deliveredBy: string | null;
}

export interface Donation {
  donationId: string;
  /** The receiving division (county or township). */
  divisionCode: string;
  divisionAncestors: string[];
  donor: Donor;
  gift: DonationGift;
  /** Purpose as the donor stated it (定向用途), if any; no personal data. */
  purpose: string | null;
  status: DonationStatus;
  allocations: Allocation[];
  receivedAt: Date;
  /** Beijing day of receipt: what the disclosure's period is counted on. */
  receivedDay: string;
  receivedBy: string;
  updatedAt: Date;
}

/** The most allocations one donation keeps (one document per donation). */
export const MAX_ALLOCATIONS = 500;

export function allocatedQuantity(d: Pick<Donation, 'allocations'>): number {
  return d.allocations.reduce((s, a) => s + a.quantity, 0);
}

export function deliveredQuantity(d: Pick<Donation, 'allocations'>): number {
  return d.allocations.reduce((s, a) => s + (a.deliveredAt ? a.quantity : 0), 0);
}

export function remainingQuantity(d: Pick<Donation, 'allocations' | 'gift'>): number {
  return d.gift.quantity - allocatedQuantity(d);
}

/** The state the allocations put a donation in. */
export function statusOf(d: Pick<Donation, 'allocations' | 'gift'>): DonationStatus {
  const allocated = allocatedQuantity(d);
  if (allocated === 0) return 'received';
  if (allocated < d.gift.quantity) return 'partly-allocated';
  return d.allocations.every((a) => a.deliveredAt) ? 'delivered' : 'fully-allocated';
}

export interface NewDonation {
  donationId: string;
  divisionCode: string;
  divisionAncestors: string[];
  donor: Donor;
  gift: DonationGift;
  purpose: string | null;
  receivedAt: Date;
  receivedDay: string;
  by: string;
}

/** A donation as received: a positive whole quantity; goods name their item and unit, money is in fen. */
export function receiveDonation(n: NewDonation, now: Date): Donation {
  const g = n.gift;
  if (!Number.isInteger(g.quantity) || g.quantity < 1)
    throw DomainError.invalid('InvalidQuantity', 'the quantity received must be a whole number of at least 1', {
      field: g.kind === 'money' ? 'amountFen' : 'quantity',
    });
  if (g.kind === 'money' && (g.item !== null || g.unit !== 'fen'))
    throw DomainError.invalid('InvalidGift', 'money is counted in fen and names no item', { field: 'item' });
  if (g.kind === 'goods' && (!g.item || !g.unit))
    throw DomainError.invalid('InvalidGift', 'goods name their item and unit', { field: g.item ? 'unit' : 'item' });
  return {
    donationId: n.donationId,
    divisionCode: n.divisionCode,
    divisionAncestors: n.divisionAncestors,
    donor: n.donor,
    gift: g,
    purpose: n.purpose,
    status: 'received',
    allocations: [],
    receivedAt: n.receivedAt,
    receivedDay: n.receivedDay,
    receivedBy: n.by,
    updatedAt: now,
  };
}

export interface NewAllocation {
  recipientType: DonationRecipientType;
  recipientRef: string;
  unitType: string | null;
  divisionCode: string;
  quantity: number;
}

/**
 * Allocates part (or the rest) of a donation. Never more in all than was received: the check is
 * on the donation as it stands when written (a concurrent allocation makes the store decide again).
 */
export function allocate(d: Donation, a: NewAllocation, by: string, now: Date): { donation: Donation; allocation: Allocation } {
  if (!Number.isInteger(a.quantity) || a.quantity < 1)
    throw DomainError.invalid('InvalidQuantity', 'an allocation is a whole number of at least 1', { field: 'quantity' });
  const remaining = remainingQuantity(d);
  if (a.quantity > remaining)
    throw DomainError.conflict(
      'AllocationExceedsDonation',
      `only ${remaining} ${d.gift.unit} of donation ${d.donationId} are left to allocate (${a.quantity} asked)`,
      { donationId: d.donationId, remaining, asked: a.quantity, rule: 'allocations-within-receipt' },
    );
  if (d.allocations.length >= MAX_ALLOCATIONS)
    throw DomainError.conflict('TooManyAllocations', `a donation keeps at most ${MAX_ALLOCATIONS} allocations`, {
      donationId: d.donationId,
    });
  const allocation: Allocation = {
    allocationId: `${d.donationId}-a${d.allocations.length + 1}`,
    recipientType: a.recipientType,
    recipientRef: a.recipientRef,
    unitType: a.unitType,
    divisionCode: a.divisionCode,
    quantity: a.quantity,
    allocatedAt: now,
    allocatedBy: by,
    deliveredAt: null,
    deliveredBy: null,
  };
  const allocations = [...d.allocations, allocation];
  return { donation: { ...d, allocations, status: statusOf({ ...d, allocations }), updatedAt: now }, allocation };
}

/** Confirms an allocation delivered (签收); undefined when it was confirmed already (nothing to write). */
export function confirmDelivery(d: Donation, allocationId: string, by: string, now: Date): Donation | undefined {
  const found = d.allocations.find((a) => a.allocationId === allocationId);
  if (!found)
    throw DomainError.notFound('AllocationNotFound', `no allocation ${allocationId} of donation ${d.donationId}`, { allocationId });
  if (found.deliveredAt) return undefined;
  const allocations = d.allocations.map((a) => (a.allocationId === allocationId ? { ...a, deliveredAt: now, deliveredBy: by } : a));
  return { ...d, allocations, status: statusOf({ ...d, allocations }), updatedAt: now };
}

/** A count as the public listing shows it: the number when at least `minimum`, else "<minimum" (nobody identifiable). */
export function suppressedCount(count: number, minimum: number): number | string {
  if (count === 0) return 0;
  return count >= minimum ? count : `<${minimum}`;
}

/** Whether a count is shown (not suppressed) at the minimum. */
export function shown(count: number, minimum: number): boolean {
  return count === 0 || count >= minimum;
}
