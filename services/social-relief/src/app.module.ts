import { DynamicModule, Module } from '@nestjs/common';
import { Clock } from '@civil/kernel';
import { RegionalSettingsModule, ServiceFoundationModule } from '@civil/platform';
import { ApplicationsModule } from './applications/applications.module';
import { AreaRiskModule } from './area-risk/area-risk.module';
import { BenefitRoundsModule } from './benefit-rounds/benefit-rounds.module';
import { CarePlacementsModule } from './care-placements/care-placements.module';
import { SocialReliefConfig } from './config/social-relief.config';
import { HotlinesModule } from './hotlines/hotlines.module';
import { DonationsModule } from './donations/donations.module';
import { HouseholdsModule } from './households/households.module';
import { InstitutionCopyModule } from './institution-copy/institution-copy.module';
import { KeyPersonListsModule } from './key-person-lists/key-person-lists.module';
import { LabelsModule } from './labels/labels.module';
import { LowIncomeMonitoringModule } from './low-income-monitoring/low-income-monitoring.module';
import { PeopleModule } from './people/people.module';
import { SETTINGS } from './regional-settings/domain/settings';
import { SweepsModule } from './sweeps.module';

export const SERVICE = 'social-relief';

@Module({})
export class AppModule {
  static forRoot(config: SocialReliefConfig, clock?: Clock): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceFoundationModule.forRoot({ service: SERVICE, config, clock }),
        RegionalSettingsModule.forRoot(SETTINGS),
        SweepsModule.forRoot(config.SWEEP_INTERVAL_MS),
        AreaRiskModule,
        PeopleModule,
        KeyPersonListsModule,
        HouseholdsModule,
        ApplicationsModule,
        LowIncomeMonitoringModule,
        BenefitRoundsModule,
        InstitutionCopyModule,
        HotlinesModule,
        CarePlacementsModule,
        LabelsModule,
        DonationsModule,
      ],
    };
  }
}
