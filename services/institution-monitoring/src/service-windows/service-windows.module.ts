import { Module } from '@nestjs/common';
import { RegistryModule } from '../registry/registry.module';
import { ServiceWindowsService } from './application/service-windows.service';
import { WindowDayRepository } from './infrastructure/window-day.repository';
import { ServiceWindowsHttpController } from './interface/service-windows.http.controller';

/** Service windows: marriage registration (婚姻登记) by staggered appointment, and days suspended by notice. */
@Module({
  imports: [RegistryModule],
  controllers: [ServiceWindowsHttpController],
  providers: [WindowDayRepository, ServiceWindowsService],
})
export class ServiceWindowsModule {}
