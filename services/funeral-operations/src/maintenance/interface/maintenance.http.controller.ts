import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CurrentPrincipal, Principal, Roles } from '@civil/platform';
import { MissedCheckSweepService } from '../application/missed-check-sweep.service';
import { ReadMaintenanceDay } from '../application/read-maintenance-day';
import { RecordCheck } from '../application/record-check';
import { RepairFault } from '../application/repair-fault';
import { ReportFault } from '../application/report-fault';
import { RecordCheckRequest, RepairFaultRequest, ReportFaultRequest } from './maintenance.request.dto';

const HOME_AND_TASK_FORCE = ['unit-staff', 'county-officer', 'city-officer', 'province-officer', 'admin'] as const;

@Controller()
export class MaintenanceHttpController {
  constructor(
    private readonly checks: RecordCheck,
    private readonly faultReports: ReportFault,
    private readonly repairs: RepairFault,
    private readonly days: ReadMaintenanceDay,
    private readonly sweeps: MissedCheckSweepService,
  ) {}

  /** Today's daily check (每日检修) of a vehicle or cremator. */
  @Post('funeral-homes/:homeId/equipment/:equipmentId/checks')
  @Roles(...HOME_AND_TASK_FORCE)
  check(
    @Param('homeId') homeId: string,
    @Param('equipmentId') equipmentId: string,
    @Body() body: RecordCheckRequest,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.checks.execute(
      homeId,
      equipmentId,
      {
        staffId: body.staffId,
        engineerStaffId: body.engineerStaffId ?? null,
        items: body.items,
        result: body.result,
        fault: body.fault ?? null,
      },
      principal,
    );
  }

  /** A fault found in use; outOfService takes the equipment out of service until repaired. */
  @Post('funeral-homes/:homeId/equipment/:equipmentId/faults')
  @Roles(...HOME_AND_TASK_FORCE)
  reportFault(
    @Param('homeId') homeId: string,
    @Param('equipmentId') equipmentId: string,
    @Body() body: ReportFaultRequest,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.faultReports.execute(homeId, equipmentId, body, principal);
  }

  @Post('funeral-homes/:homeId/equipment/:equipmentId/faults/:faultId/repair')
  @HttpCode(200)
  @Roles(...HOME_AND_TASK_FORCE)
  repair(
    @Param('homeId') homeId: string,
    @Param('equipmentId') equipmentId: string,
    @Param('faultId') faultId: string,
    @Body() body: RepairFaultRequest,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.repairs.execute(homeId, equipmentId, faultId, body.notes ?? null, principal);
  }

  /** A day's checks (default today): what was checked, what is missing, open faults. */
  @Get('funeral-homes/:homeId/maintenance')
  view(@Param('homeId') homeId: string, @CurrentPrincipal() principal: Principal, @Query('date') date?: string) {
    return this.days.execute(homeId, date, principal);
  }

  /** Runs the missed-check sweep now (it also runs on a timer); safe at any time. */
  @Post('maintenance/missed-check-sweeps')
  @HttpCode(200)
  @Roles('admin')
  sweep() {
    return this.sweeps.sweep();
  }
}
