import { Body, Controller, DefaultValuePipe, Get, Param, ParseIntPipe, Post, Put, Query } from '@nestjs/common';
import { DomainError, isLocalDate } from '@civil/kernel';
import { CurrentPrincipal, Principal, Roles } from '@civil/platform';
import { CorrectDailyReportService } from '../application/correct-daily-report.service';
import { DeadlineSweepService } from '../application/deadline-sweep.service';
import { SubmitDailyReportService } from '../application/submit-daily-report.service';
import { ReportStatus } from '../domain/daily-report';
import { DailyReportRepository } from '../infrastructure/daily-report.repository';
import { CorrectDailyReportRequest, GrantLockExceptionRequest, SubmitDailyReportRequest } from './submit-daily-report.request.dto';

function day(value: string): string {
  if (!isLocalDate(value))
    throw DomainError.invalid('InvalidReportDate', `reportDate ${value} is not a date (YYYY-MM-DD)`, { field: 'reportDate' });
  return value;
}

@Controller()
export class DailyReportsHttpController {
  constructor(
    private readonly submitService: SubmitDailyReportService,
    private readonly correctService: CorrectDailyReportService,
    private readonly sweepService: DeadlineSweepService,
    private readonly reports: DailyReportRepository,
  ) {}

  /** A unit files its daily report (日报告), or its zero report (零报告). */
  @Post('institutions/:unitId/daily-reports')
  @Roles('unit-staff', 'township-officer', 'county-officer', 'admin')
  submit(@Param('unitId') unitId: string, @Body() body: SubmitDailyReportRequest, @CurrentPrincipal() principal: Principal) {
    return this.submitService.submit(unitId, body.reportDate, { ...body.counts }, principal);
  }

  /** One day's report (or recorded miss) with its corrections and lock state. */
  @Get('institutions/:unitId/daily-reports/:reportDate')
  get(@Param('unitId') unitId: string, @Param('reportDate') reportDate: string, @CurrentPrincipal() principal: Principal) {
    return this.correctService.get(unitId, day(reportDate), principal);
  }

  /** Corrects a filed report until its period locks; audited and published. */
  @Put('institutions/:unitId/daily-reports/:reportDate')
  @Roles('unit-staff', 'township-officer', 'county-officer', 'admin')
  correct(
    @Param('unitId') unitId: string,
    @Param('reportDate') reportDate: string,
    @Body() body: CorrectDailyReportRequest,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.correctService.correct(unitId, day(reportDate), { ...body.counts }, body.reason, principal);
  }

  /** The county opens a locked report to correction for a while. */
  @Post('institutions/:unitId/daily-reports/:reportDate/lock-exceptions')
  @Roles('county-officer', 'city-officer', 'province-officer', 'admin')
  grantLockException(
    @Param('unitId') unitId: string,
    @Param('reportDate') reportDate: string,
    @Body() body: GrantLockExceptionRequest,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.correctService.grantLockException(unitId, day(reportDate), body.reason, body.expiresOn, principal);
  }

  /** Reports and recorded misses inside the caller's jurisdiction. */
  @Get('daily-reports')
  list(
    @CurrentPrincipal() principal: Principal,
    @Query('date') date?: string,
    @Query('status') status?: ReportStatus,
    @Query('limit', new DefaultValuePipe(500), ParseIntPipe) limit = 500,
  ) {
    if (status && status !== 'submitted' && status !== 'missed')
      throw DomainError.invalid('InvalidStatus', 'status must be submitted or missed', { field: 'status' });
    const unitId = principal.roles.includes('unit-staff') ? principal.unitId : undefined;
    return this.reports.list(
      { jurisdiction: principal.jurisdiction, day: date ? day(date) : undefined, status, unitId },
      Math.min(Math.max(limit, 1), 5000),
    );
  }

  /** Runs the deadline sweep now (it also runs on a timer); safe to call at any time. */
  @Post('daily-reports/deadline-sweeps')
  @Roles('admin')
  sweep() {
    return this.sweepService.sweep();
  }
}
