import { Body, Controller, Get, Put } from '@nestjs/common';
import { CurrentPrincipal, Principal, Roles } from '@civil/platform';
import { ReportingDeadlinesService } from '../application/reporting-deadlines.service';
import { SetReportingDeadlineRequest } from './set-reporting-deadline.request.dto';

@Controller('reporting-deadlines')
export class ReportingDeadlinesHttpController {
  constructor(private readonly service: ReportingDeadlinesService) {}

  @Put()
  @Roles('county-officer', 'city-officer', 'province-officer', 'admin', 'national-admin')
  set(@Body() body: SetReportingDeadlineRequest, @CurrentPrincipal() principal: Principal) {
    return this.service.set(body.divisionCode, body.unitType ?? null, body.time, body.effectiveFrom, principal);
  }

  @Get()
  list(@CurrentPrincipal() principal: Principal) {
    return this.service.list(principal);
  }
}
