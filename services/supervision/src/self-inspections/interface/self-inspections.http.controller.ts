import { Body, Controller, DefaultValuePipe, Get, HttpCode, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { CurrentPrincipal, Principal, Roles } from '@civil/platform';
import { SelfInspectionsService } from '../application/self-inspections.service';
import { ReportSelfInspectionRequest } from './self-inspections.request.dto';

const READERS = [
  'unit-staff',
  'township-officer',
  'county-officer',
  'city-officer',
  'province-officer',
  'inspector',
  'discipline-officer',
  'admin',
] as const;

/** 举一反三 campaigns: the self-inspection tasks a confirmed finding sent to its unit's peers, and their reports. */
@Controller('self-inspection-campaigns')
export class SelfInspectionsHttpController {
  constructor(private readonly selfInspections: SelfInspectionsService) {}

  /** Campaigns in the caller's jurisdiction with their coverage; unit staff see the tasks sent to their unit. */
  @Get()
  @Roles(...READERS)
  list(
    @CurrentPrincipal() principal: Principal,
    @Query('inspectionId') inspectionId?: string,
    @Query('limit', new DefaultValuePipe(100), ParseIntPipe) limit = 100,
    @Query('skip', new DefaultValuePipe(0), ParseIntPipe) skip = 0,
  ) {
    return this.selfInspections.list(principal, { inspectionId }, Math.min(Math.max(limit, 1), 1000), Math.max(skip, 0));
  }

  /** Records every task past its due day without a report (it also runs on a timer); safe at any time. */
  @Post('missed-sweep')
  @HttpCode(200)
  @Roles('admin')
  sweep() {
    return this.selfInspections.sweep();
  }

  @Get(':campaignId')
  @Roles(...READERS)
  get(@Param('campaignId') campaignId: string, @CurrentPrincipal() principal: Principal) {
    return this.selfInspections.get(campaignId, principal);
  }

  /** A peer reports back: no issue, issue found and rectified, or issue found (opened as its own rectification issue). */
  @Post(':campaignId/tasks/:unitId/report')
  @HttpCode(200)
  @Roles(...READERS)
  report(
    @Param('campaignId') campaignId: string,
    @Param('unitId') unitId: string,
    @Body() body: ReportSelfInspectionRequest,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.selfInspections.report(campaignId, unitId, body, principal);
  }
}
