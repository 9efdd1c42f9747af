import { Module } from '@nestjs/common';
import { InstitutionCopyModule } from '../institution-copy/institution-copy.module';
import { PeopleModule } from '../people/people.module';
import { CreateRound } from './application/create-round';
import { IssueRound } from './application/issue-round';
import { ListEntitlements } from './application/list-entitlements';
import { ListRounds } from './application/list-rounds';
import { ReadRound } from './application/read-round';
import { RedeemEntitlement } from './application/redeem-entitlement';
import { RoundCandidates } from './application/round-candidates';
import { StartRound } from './application/start-round';
import { BedSubsidyPaymentRepository } from './infrastructure/bed-subsidy-payments.repository';
import { EntitlementIssuanceStore } from './infrastructure/entitlement-issuance.store';
import { EntitlementRepository } from './infrastructure/entitlement.repository';
import { RoundRepository } from './infrastructure/round.repository';
import { BenefitRoundsHttpController, EntitlementsHttpController } from './interface/benefit-rounds.http.controller';

/** Benefit rounds (consumption vouchers, kits, cash, the bed subsidy) and their entitlements. */
@Module({
  imports: [PeopleModule, InstitutionCopyModule],
  controllers: [BenefitRoundsHttpController, EntitlementsHttpController],
  providers: [
    BedSubsidyPaymentRepository,
    RoundRepository,
    EntitlementRepository,
    EntitlementIssuanceStore,
    RoundCandidates,
    CreateRound,
    ReadRound,
    ListRounds,
    StartRound,
    IssueRound,
    ListEntitlements,
    RedeemEntitlement,
  ],
})
export class BenefitRoundsModule {}
