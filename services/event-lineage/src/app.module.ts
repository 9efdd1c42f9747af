import { DynamicModule, Module } from '@nestjs/common';
import { Clock } from '@civil/kernel';
import { ServiceFoundationModule } from '@civil/platform';
import { EventLineageConfig } from './config/event-lineage.config';
import { LineageModule } from './lineage.module';

export const SERVICE = 'event-lineage';

@Module({})
export class AppModule {
  static forRoot(config: EventLineageConfig, clock?: Clock): DynamicModule {
    return {
      module: AppModule,
      imports: [ServiceFoundationModule.forRoot({ service: SERVICE, config, clock }), LineageModule.forRoot(config, SERVICE)],
    };
  }
}
