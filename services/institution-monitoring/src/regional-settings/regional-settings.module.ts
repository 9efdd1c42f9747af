import { Module } from '@nestjs/common';
import { RegionalSettingsService } from './application/regional-settings.service';
import { RegionalSettingRepository } from './infrastructure/regional-setting.repository';
import { RegionalSettingsHttpController } from './interface/regional-settings.http.controller';

/** Values each region sets for itself, with history (see domain/regional-setting.ts). */
@Module({
  controllers: [RegionalSettingsHttpController],
  providers: [RegionalSettingRepository, RegionalSettingsService],
  exports: [RegionalSettingsService],
})
export class RegionalSettingsModule {}
