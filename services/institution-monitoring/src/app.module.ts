import { DynamicModule, Module } from '@nestjs/common';
import { Clock } from '@civil/kernel';
import { RegionalSettingsModule, ServiceFoundationModule } from '@civil/platform';
import { ClosuresModule } from './closures/closures.module';
import { InstitutionMonitoringConfig } from './config/institution-monitoring.config';
import { DailyReportsModule } from './daily-reports/daily-reports.module';
import { LabelsModule } from './labels/labels.module';
import { SETTINGS } from './regional-settings/domain/settings';
import { RegistryModule } from './registry/registry.module';
import { ReportingDeadlinesModule } from './reporting-deadlines/reporting-deadlines.module';
import { ResidentsModule } from './residents/residents.module';
import { ServiceWindowsModule } from './service-windows/service-windows.module';
import { SupervisionFeedModule } from './supervision-feed/supervision-feed.module';
import { SuppliesModule } from './supplies/supplies.module';
import { TemporaryCareModule } from './temporary-care/temporary-care.module';
import { VaccinationModule } from './vaccination/vaccination.module';
import { VisitsModule } from './visits/visits.module';

export const SERVICE = 'institution-monitoring';

@Module({})
export class AppModule {
  static forRoot(config: InstitutionMonitoringConfig, clock?: Clock): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceFoundationModule.forRoot({ service: SERVICE, config, clock }),
        RegionalSettingsModule.forRoot(SETTINGS),
        RegistryModule,
        ClosuresModule,
        ReportingDeadlinesModule,
        DailyReportsModule.forRoot({ sweepIntervalMs: config.SWEEP_INTERVAL_MS }),
        ResidentsModule,
        SuppliesModule,
        VaccinationModule.forRoot({ sweepIntervalMs: config.SWEEP_INTERVAL_MS }),
        VisitsModule,
        ServiceWindowsModule,
        SupervisionFeedModule,
        TemporaryCareModule,
        LabelsModule,
      ],
    };
  }
}
