import { Injectable } from '@nestjs/common';
import { DONATION_STATUS_LABELS, DONOR_KIND_LABELS, DonationStatus } from '@civil/contracts';
import { assertCovers, Principal } from '@civil/platform';
import { DonationRepository } from '../infrastructure/donation.repository';
import { DonationAccess, donationView } from './donation-access';

/** Donations received inside a division of the caller's (newest first, at most 200), and one donation. */
@Injectable()
export class ListDonations {
  constructor(
    private readonly donations: DonationRepository,
    private readonly access: DonationAccess,
  ) {}

  async execute(query: { divisionCode?: string; status?: DonationStatus }, by: Principal) {
    const divisionCode = query.divisionCode ?? by.jurisdiction;
    assertCovers(by, divisionCode);
    const items = await this.donations.within(divisionCode, { status: query.status }, 200);
    return {
      items: items.map((d) => ({
        donationId: d.donationId,
        divisionCode: d.divisionCode,
        status: d.status,
        statusLabel: DONATION_STATUS_LABELS[d.status],
        donor: { kind: d.donor.kind, kindLabel: DONOR_KIND_LABELS[d.donor.kind], nameMasked: d.donor.nameMasked },
        gift: d.gift,
        receivedDay: d.receivedDay,
      })),
    };
  }

  async one(donationId: string, by: Principal) {
    return donationView(await this.access.mustGet(donationId, by));
  }
}
