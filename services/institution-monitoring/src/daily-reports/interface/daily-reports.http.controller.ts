import { Body, Controller, DefaultValuePipe, Get, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { DomainError } from '@civil/kernel';
import { CurrentPrincipal, Principal, Roles } from '@civil/platform';
import { DeadlineSweepService } from '../application/deadline-sweep.service';
import { SubmitDailyReportService } from '../application/submit-daily-report.service';
import { ReportStatus } from '../domain/daily-report';
import { DailyReportRepository } from '../infrastructure/daily-report.repository';
import { SubmitDailyReportRequest } from './submit-daily-report.request.dto';

@Controller()
export class DailyReportsHttpController {
  constructor(
    private readonly submitService: SubmitDailyReportService,
    private readonly sweepService: DeadlineSweepService,
    private readonly reports: DailyReportRepository,
  ) {}

  /** A unit files its daily report (日报告), or its zero report (零报告). */
  @Post('institutions/:unitId/daily-reports')
  @Roles('unit-staff', 'township-officer', 'county-officer', 'admin')
  submit(@Param('unitId') unitId: string, @Body() body: SubmitDailyReportRequest, @CurrentPrincipal() principal: Principal) {
    return this.submitService.submit(unitId, body.reportDate, { ...body.counts }, principal);
  }

  /** Reports and recorded misses inside the caller's jurisdiction. */
  @Get('daily-reports')
  list(
    @CurrentPrincipal() principal: Principal,
    @Query('date') day?: string,
    @Query('status') status?: ReportStatus,
    @Query('limit', new DefaultValuePipe(500), ParseIntPipe) limit = 500,
  ) {
    if (status && status !== 'submitted' && status !== 'missed') throw DomainError.invalid('InvalidStatus', 'status must be submitted or missed', { field: 'status' });
    const unitId = principal.roles.includes('unit-staff') ? principal.unitId : undefined;
    return this.reports.list({ jurisdiction: principal.jurisdiction, day, status, unitId }, Math.min(Math.max(limit, 1), 5000));
  }

  /** Runs the deadline sweep now (it also runs on a timer); safe to call at any time. */
  @Post('daily-reports/deadline-sweeps')
  @Roles('admin')
  sweep() {
    return this.sweepService.sweep();
  }
}
