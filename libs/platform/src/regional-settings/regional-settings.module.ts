import { DynamicModule, Module } from '@nestjs/common';
import type { SettingDefinitions } from '@civil/kernel';
import { RegionalSettingRepository } from './regional-setting.repository';
import { RegionalSettingsHttpController } from './regional-settings.http.controller';
import { REGIONAL_SETTING_DEFINITIONS, RegionalSettingsService } from './regional-settings.service';

/**
 * A service's regional settings with history, served at /regional-settings. Global: every
 * capability of the service reads them through RegionalSettingsService.
 */
@Module({})
export class RegionalSettingsModule {
  static forRoot(definitions: SettingDefinitions): DynamicModule {
    return {
      module: RegionalSettingsModule,
      global: true,
      controllers: [RegionalSettingsHttpController],
      providers: [RegionalSettingRepository, RegionalSettingsService, { provide: REGIONAL_SETTING_DEFINITIONS, useValue: definitions }],
      exports: [RegionalSettingsService],
    };
  }
}
