import { Injectable } from '@nestjs/common';
import type { DonationGiftKind, DonorKind } from '@civil/contracts';
import { Clock, DomainError, divisionAncestors, identifierIn, maskName, shanghaiDate } from '@civil/kernel';
import { assertCovers, FieldCipher, InjectClock, Principal } from '@civil/platform';
import { randomUUID } from 'node:crypto';
import { receiveDonation } from '../domain/donation';
import { DonationRepository } from '../infrastructure/donation.repository';
import { donationView } from './donation-access';

export interface ReceiveDonationInput {
  divisionCode: string;
  donorKind: DonorKind;
  donorName: string;
  giftKind: DonationGiftKind;
  amountFen?: number;
  item?: string;
  quantity?: number;
  unit?: string;
  purpose?: string;
  receivedAt?: string;
}

/** Records a donation received (捐赠接收) by a division inside the caller's jurisdiction → DonationReceived. */
@Injectable()
export class ReceiveDonation {
  constructor(
    private readonly donations: DonationRepository,
    private readonly cipher: FieldCipher,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async execute(input: ReceiveDonationInput, by: Principal) {
    assertCovers(by, input.divisionCode);
    const now = this.clock.now();
    const receivedAt = input.receivedAt ? new Date(input.receivedAt) : now;
    // what is published and disclosed may carry no personal data
    for (const field of ['item', 'unit', 'purpose'] as const) {
      const text = input[field];
      const problem = text ? identifierIn(text) : undefined;
      if (problem || (text && input.donorKind === 'individual' && text.includes(input.donorName)))
        throw DomainError.invalid('PersonalDataInDonation', `${field} ${problem ?? 'must not contain the donor’s name'}: it is published`, {
          field,
        });
    }
    const donation = receiveDonation(
      {
        donationId: `don-${input.divisionCode}-${randomUUID().replace(/-/g, '').slice(0, 12)}`,
        divisionCode: input.divisionCode,
        divisionAncestors: divisionAncestors(input.divisionCode),
        donor: { kind: input.donorKind, nameEnc: this.cipher.encrypt(input.donorName), nameMasked: maskName(input.donorName) },
        gift:
          input.giftKind === 'money'
            ? { kind: 'money', item: null, unit: 'fen', quantity: input.amountFen ?? 0 }
            : { kind: 'goods', item: input.item ?? null, unit: input.unit ?? '', quantity: input.quantity ?? 0 },
        purpose: input.purpose ?? null,
        receivedAt,
        receivedDay: shanghaiDate(receivedAt),
        by: by.sub,
      },
      now,
    );
    await this.donations.store.create(donation, [{ type: 'received', at: now }]);
    return donationView(donation);
  }
}
