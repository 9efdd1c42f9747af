import { Module } from '@nestjs/common';
import { RegionalSettingsModule } from '../regional-settings/regional-settings.module';
import { RegistryModule } from '../registry/registry.module';
import { ResidentDirectory } from './application/resident-directory';

@Module({
  imports: [RegistryModule, RegionalSettingsModule],
  providers: [ResidentDirectory],
  exports: [ResidentDirectory],
})
export class ResidentsModule {}
