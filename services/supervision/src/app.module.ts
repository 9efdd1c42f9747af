import { DynamicModule, Module } from '@nestjs/common';
import { Clock } from '@civil/kernel';
import { RegionalSettingsModule, ServiceFoundationModule } from '@civil/platform';
import { AccountabilityModule } from './accountability/accountability.module';
import { CasesModule } from './cases/cases.module';
import { SupervisionConfig } from './config/supervision.config';
import { DirectivesModule } from './directives/directives.module';
import { InspectionsModule } from './inspections/inspections.module';
import { LabelsModule } from './labels/labels.module';
import { RectificationModule } from './rectification/rectification.module';
import { SETTINGS } from './regional-settings/domain/settings';
import { SweepsModule } from './sweeps.module';
import { ViewsModule } from './views/views.module';

export const SERVICE = 'supervision';

@Module({})
export class AppModule {
  static forRoot(config: SupervisionConfig, clock?: Clock): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceFoundationModule.forRoot({ service: SERVICE, config, clock }),
        RegionalSettingsModule.forRoot(SETTINGS),
        SweepsModule.forRoot({ sweepMs: config.SWEEP_INTERVAL_MS, escalationMs: config.ESCALATION_INTERVAL_MS }),
        CasesModule,
        InspectionsModule,
        RectificationModule,
        AccountabilityModule,
        DirectivesModule,
        ViewsModule,
        LabelsModule,
      ],
    };
  }
}
