import { DynamicModule, Module } from '@nestjs/common';
import { Clock } from '@civil/kernel';
import { RegionalSettingsModule, ServiceFoundationModule } from '@civil/platform';
import { CasesModule } from './cases/cases.module';
import { CeremoniesModule } from './ceremonies/ceremonies.module';
import { FuneralOperationsConfig } from './config/funeral-operations.config';
import { DisinfectionModule } from './disinfection/disinfection.module';
import { HomesModule } from './homes/homes.module';
import { LabelsModule } from './labels/labels.module';
import { MaintenanceModule } from './maintenance/maintenance.module';
import { SETTINGS } from './regional-settings/domain/settings';
import { SchedulingModule } from './scheduling/scheduling.module';
import { SweepsModule } from './sweeps.module';

export const SERVICE = 'funeral-operations';

@Module({})
export class AppModule {
  static forRoot(config: FuneralOperationsConfig, clock?: Clock): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceFoundationModule.forRoot({ service: SERVICE, config, clock }),
        RegionalSettingsModule.forRoot(SETTINGS),
        SweepsModule.forRoot(config.SWEEP_INTERVAL_MS),
        HomesModule,
        MaintenanceModule,
        DisinfectionModule,
        CeremoniesModule,
        SchedulingModule,
        CasesModule,
        LabelsModule,
      ],
    };
  }
}
