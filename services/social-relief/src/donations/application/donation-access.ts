import { Injectable } from '@nestjs/common';
import {
  DONATION_GIFT_KIND_LABELS,
  DONATION_RECIPIENT_TYPE_LABELS,
  DONATION_STATUS_LABELS,
  DONOR_KIND_LABELS,
  UNIT_TYPE_LABELS,
  UnitType,
} from '@civil/contracts';
import { Clock, DomainError } from '@civil/kernel';
import { assertFoundWithin, InjectClock, Principal } from '@civil/platform';
import { allocatedQuantity, deliveredQuantity, Donation, remainingQuantity } from '../domain/donation';
import { DonationRepository } from '../infrastructure/donation.repository';
import { DonationChange } from './donation.integration-events';

/** Unknown, or outside the caller's reach: the same answer. */
export const donationNotFound = (donationId: string) =>
  DomainError.notFound('DonationNotFound', `no donation ${donationId}`, { donationId });

export const unitTypeLabel = (t: string | null) => (t ? (UNIT_TYPE_LABELS[t as UnitType] ?? t) : null);

/** What the donation use cases share: a donation read or changed within the caller's reach (404 otherwise), and its view. */
@Injectable()
export class DonationAccess {
  constructor(
    private readonly donations: DonationRepository,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async mustGet(donationId: string, by: Principal): Promise<Donation> {
    const d = (await this.donations.get(donationId))?.value;
    if (!d) throw donationNotFound(donationId);
    assertFoundWithin(by, () => donationNotFound(donationId), d.divisionCode);
    return d;
  }

  /** Changes a donation within the caller's reach; the store decides again if someone wrote in between. */
  async change(
    donationId: string,
    by: Principal,
    decide: (current: Donation, now: Date) => { next: Donation; changes: DonationChange[] } | undefined,
  ): Promise<Donation> {
    const notFound = () => donationNotFound(donationId);
    const { state } = await this.donations.store.change(
      donationId,
      (current) => {
        assertFoundWithin(by, notFound, current.divisionCode);
        return decide(current, this.clock.now());
      },
      notFound,
    );
    return state;
  }
}

/** A donation as officers see it: the donor's name masked, totals and allocations. */
export function donationView(d: Donation) {
  return {
    donationId: d.donationId,
    divisionCode: d.divisionCode,
    status: d.status,
    statusLabel: DONATION_STATUS_LABELS[d.status],
    donor: { kind: d.donor.kind, kindLabel: DONOR_KIND_LABELS[d.donor.kind], nameMasked: d.donor.nameMasked },
    gift: { ...d.gift, kindLabel: DONATION_GIFT_KIND_LABELS[d.gift.kind] },
    purpose: d.purpose,
    allocated: allocatedQuantity(d),
    remaining: remainingQuantity(d),
    delivered: deliveredQuantity(d),
    allocations: d.allocations.map((a) => ({
      ...a,
      recipientTypeLabel: DONATION_RECIPIENT_TYPE_LABELS[a.recipientType],
      unitTypeLabel: unitTypeLabel(a.unitType),
    })),
    receivedAt: d.receivedAt,
    receivedDay: d.receivedDay,
    receivedBy: d.receivedBy,
    updatedAt: d.updatedAt,
  };
}
