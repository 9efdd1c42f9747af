import { Module } from '@nestjs/common';
import { RegionalSettingsModule } from '../regional-settings/regional-settings.module';
import { RegistryModule } from '../registry/registry.module';

@Module({
  imports: [RegistryModule, RegionalSettingsModule],
})
export class VisitsModule {}
