import { DynamicModule, Module } from '@nestjs/common';
import { Clock } from '@civil/kernel';
import { RegionalSettingsModule, ServiceFoundationModule } from '@civil/platform';
import { ACCOUNTABILITY_OUTBOX, AccountabilityModule } from './accountability/accountability.module';
import { CASES_OUTBOX, CasesModule } from './cases/cases.module';
import { SupervisionConfig } from './config/supervision.config';
import { DIRECTIVES_OUTBOX, DirectivesModule } from './directives/directives.module';
import { INSPECTIONS_OUTBOX, InspectionsModule } from './inspections/inspections.module';
import { LabelsModule } from './labels/labels.module';
import { RECTIFICATION_OUTBOX, RectificationModule } from './rectification/rectification.module';
import { SETTINGS } from './regional-settings/domain/settings';
import { SweepsModule } from './sweeps.module';
import { ViewsModule } from './views/views.module';

export const SERVICE = 'supervision';

/** Collections whose documents carry an outbox; each capability writes its events beside its state. */
export const OUTBOX_COLLECTIONS = [
  ...CASES_OUTBOX,
  ...INSPECTIONS_OUTBOX,
  ...RECTIFICATION_OUTBOX,
  ...ACCOUNTABILITY_OUTBOX,
  ...DIRECTIVES_OUTBOX,
];

@Module({})
export class AppModule {
  static forRoot(config: SupervisionConfig, clock?: Clock): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceFoundationModule.forRoot({ service: SERVICE, config, clock, outboxCollections: OUTBOX_COLLECTIONS }),
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
