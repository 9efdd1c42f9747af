import { Injectable } from '@nestjs/common';
import { Principal } from '@civil/platform';
import { confirmDelivery } from '../domain/donation';
import { DonationAccess, donationView } from './donation-access';

/** Confirms an allocation delivered to its unit or household (签收) → DonationDelivered once; again changes nothing. */
@Injectable()
export class ConfirmDelivery {
  constructor(private readonly access: DonationAccess) {}

  async execute(donationId: string, allocationId: string, by: Principal) {
    const next = await this.access.change(donationId, by, (current, now) => {
      const d = confirmDelivery(current, allocationId, by.sub, now);
      return d ? { next: d, changes: [{ type: 'delivered', allocationId, at: now }] } : undefined;
    });
    return donationView(next);
  }
}
