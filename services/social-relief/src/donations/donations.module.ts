import { Module } from '@nestjs/common';
import { HouseholdsModule } from '../households/households.module';
import { InstitutionCopyModule } from '../institution-copy/institution-copy.module';
import { AllocateDonation } from './application/allocate-donation';
import { ConfirmDelivery } from './application/confirm-delivery';
import { DiscloseDonations } from './application/disclose-donations';
import { DonationAccess } from './application/donation-access';
import { ListDonations } from './application/list-donations';
import { ReceiveDonation } from './application/receive-donation';
import { DonationRepository } from './infrastructure/donation.repository';
import { DonationDisclosuresHttpController, DonationsHttpController } from './interface/donations.http.controller';

/** Donations (社会捐赠): receipt, allocation in parts to units and households, delivery, and the public disclosure. */
@Module({
  imports: [HouseholdsModule, InstitutionCopyModule],
  controllers: [DonationsHttpController, DonationDisclosuresHttpController],
  providers: [DonationRepository, DonationAccess, ReceiveDonation, ListDonations, AllocateDonation, ConfirmDelivery, DiscloseDonations],
})
export class DonationsModule {}
