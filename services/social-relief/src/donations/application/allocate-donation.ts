import { Injectable } from '@nestjs/common';
import type { DonationRecipientType } from '@civil/contracts';
import { covers, DomainError } from '@civil/kernel';
import { Principal, reaches } from '@civil/platform';
import { HouseholdRepository } from '../../households/infrastructure/household.repository';
import { InstitutionCopyRepository } from '../../institution-copy/infrastructure/institution-copy.repository';
import { allocate, Allocation, NewAllocation } from '../domain/donation';
import { DonationAccess, donationView } from './donation-access';

export interface AllocateInput {
  recipientType: DonationRecipientType;
  /** A unit id (this service's copy of institution monitoring's units) or a household id. */
  recipientId: string;
  quantity: number;
}

/**
 * Allocates part (or the rest) of a donation to a unit or a household inside the donation's
 * division → DonationAllocated. Never more in all than was received (409 AllocationExceedsDonation).
 */
@Injectable()
export class AllocateDonation {
  constructor(
    private readonly access: DonationAccess,
    private readonly units: InstitutionCopyRepository,
    private readonly households: HouseholdRepository,
  ) {}

  async execute(donationId: string, input: AllocateInput, by: Principal) {
    const donation = await this.access.mustGet(donationId, by);
    const recipient = await this.recipient(input, by);
    if (!covers(donation.divisionCode, recipient.divisionCode))
      throw DomainError.conflict(
        'RecipientOutsideDivision',
        `the ${input.recipientType} is outside ${donation.divisionCode}, the division that received the donation`,
        { field: 'recipientId', rule: 'allocated-within-receiving-division' },
      );
    let made: Allocation | undefined;
    const next = await this.access.change(donationId, by, (current, now) => {
      const r = allocate(current, { ...recipient, quantity: input.quantity }, by.sub, now);
      made = r.allocation;
      return { next: r.donation, changes: [{ type: 'allocated', allocation: r.allocation, at: now }] };
    });
    return { allocation: made!, donation: donationView(next) };
  }

  /** The unit or household, as this service knows it; unknown or outside the caller's reach: the same 404. */
  private async recipient(input: AllocateInput, by: Principal): Promise<Omit<NewAllocation, 'quantity'>> {
    const notFound = () =>
      DomainError.notFound('RecipientNotFound', `no ${input.recipientType} ${input.recipientId}`, { field: 'recipientId' });
    if (input.recipientType === 'unit') {
      const unit = (await this.units.get(input.recipientId))?.value;
      if (!unit || !reaches(by, unit.divisionCode)) throw notFound();
      return { recipientType: 'unit', recipientRef: unit.unitId, unitType: unit.unitType, divisionCode: unit.divisionCode };
    }
    const household = (await this.households.get(input.recipientId))?.value;
    if (!household || !reaches(by, household.divisionCode)) throw notFound();
    return { recipientType: 'household', recipientRef: household.householdId, unitType: null, divisionCode: household.divisionCode };
  }
}
