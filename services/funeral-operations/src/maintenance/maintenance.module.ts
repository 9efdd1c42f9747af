import { Module } from '@nestjs/common';
import { HomesModule } from '../homes/homes.module';
import { CheckDeadlines } from './application/check-deadlines';
import { EquipmentFaults } from './application/equipment-faults';
import { MissedCheckSweepScheduler } from './application/missed-check-sweep.scheduler';
import { MissedCheckSweepService } from './application/missed-check-sweep.service';
import { ReadMaintenanceDay } from './application/read-maintenance-day';
import { RecordCheck } from './application/record-check';
import { RepairFault } from './application/repair-fault';
import { ReportFault } from './application/report-fault';
import { EquipmentFaultRepository, MaintenanceDayRepository } from './infrastructure/maintenance.repository';
import { MaintenanceHttpController } from './interface/maintenance.http.controller';

/** Daily maintenance checks of vehicles and cremators, faults and repairs, and the missed-check sweep. */
@Module({
  imports: [HomesModule],
  controllers: [MaintenanceHttpController],
  providers: [
    MaintenanceDayRepository,
    EquipmentFaultRepository,
    CheckDeadlines,
    EquipmentFaults,
    RecordCheck,
    ReportFault,
    RepairFault,
    ReadMaintenanceDay,
    MissedCheckSweepService,
    MissedCheckSweepScheduler,
  ],
  exports: [CheckDeadlines, EquipmentFaults],
})
export class MaintenanceModule {}
