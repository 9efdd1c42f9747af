import { Module } from '@nestjs/common';
import { InstitutionCopyModule } from '../institution-copy/institution-copy.module';
import { PeopleModule } from '../people/people.module';
import { BenefitRoundService } from './application/benefit-round.service';
import { BedSubsidyPaymentRepository } from './infrastructure/bed-subsidy-payments.repository';
import { EntitlementIssuanceStore } from './infrastructure/entitlement-issuance.store';
import { EntitlementRepository } from './infrastructure/entitlement.repository';
import { RoundRepository } from './infrastructure/round.repository';
import { BenefitRoundsHttpController, EntitlementsHttpController } from './interface/benefit-rounds.http.controller';

/** Benefit rounds (consumption vouchers, kits, cash, the bed subsidy) and their entitlements. */
@Module({
  imports: [PeopleModule, InstitutionCopyModule],
  controllers: [BenefitRoundsHttpController, EntitlementsHttpController],
  providers: [BedSubsidyPaymentRepository, RoundRepository, EntitlementRepository, EntitlementIssuanceStore, BenefitRoundService],
})
export class BenefitRoundsModule {}
