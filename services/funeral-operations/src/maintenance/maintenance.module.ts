import { Module } from '@nestjs/common';
import { HomesModule } from '../homes/homes.module';
import { MaintenanceService } from './application/maintenance.service';
import { MissedCheckSweepScheduler } from './application/missed-check-sweep.scheduler';
import { MissedCheckSweepService } from './application/missed-check-sweep.service';
import { EquipmentFaultRepository, MaintenanceDayRepository } from './infrastructure/maintenance.repository';
import { MaintenanceHttpController } from './interface/maintenance.http.controller';

/** Daily maintenance checks of vehicles and cremators, faults and repairs, and the missed-check sweep. */
@Module({
  imports: [HomesModule],
  controllers: [MaintenanceHttpController],
  providers: [MaintenanceDayRepository, EquipmentFaultRepository, MaintenanceService, MissedCheckSweepService, MissedCheckSweepScheduler],
  exports: [MaintenanceService],
})
export class MaintenanceModule {}
