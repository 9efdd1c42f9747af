import { Body, Controller, DefaultValuePipe, Get, HttpCode, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { INSPECTION_MODES, INSPECTION_TARGET_TYPES } from '@civil/contracts';
import { DomainError } from '@civil/kernel';
import { CurrentPrincipal, Principal, Roles } from '@civil/platform';
import { FindingIssuesService } from '../application/finding-issues.service';
import { InspectionCoverageService } from '../application/inspection-coverage.service';
import { InspectionsService } from '../application/inspections.service';
import { INSPECTION_STATUSES } from '../domain/inspection';
import { READERS } from './inspection-teams.http.controller';
import { CompleteInspectionRequest, RecordFindingRequest, RecordResultsRequest, StartInspectionRequest } from './inspections.request.dto';

/** Who records an inspection: the team's officials, and unit staff for their self-inspection. */
const RECORDERS = [
  'unit-staff',
  'township-officer',
  'county-officer',
  'city-officer',
  'province-officer',
  'inspector',
  'discipline-officer',
  'admin',
] as const;

function oneOf(field: string, value: string | undefined, allowed: readonly string[]): string | undefined {
  if (value && !allowed.includes(value))
    throw DomainError.invalid('InvalidQuery', `${field} must be one of ${allowed.join(', ')}`, { field });
  return value;
}

@Controller('inspections')
export class InspectionsHttpController {
  constructor(
    private readonly inspections: InspectionsService,
    private readonly coverageService: InspectionCoverageService,
    private readonly findingIssues: FindingIssuesService,
  ) {}

  /** Inspections in the caller's jurisdiction; unit staff see their unit's, once they may know of them. */
  @Get()
  @Roles(...READERS)
  list(
    @CurrentPrincipal() principal: Principal,
    @Query('status') status?: string,
    @Query('mode') mode?: string,
    @Query('unitType') unitType?: string,
    @Query('planId') planId?: string,
    @Query('limit', new DefaultValuePipe(100), ParseIntPipe) limit = 100,
    @Query('skip', new DefaultValuePipe(0), ParseIntPipe) skip = 0,
  ) {
    const q = {
      status: oneOf('status', status, INSPECTION_STATUSES),
      mode: oneOf('mode', mode, INSPECTION_MODES),
      unitType: oneOf('unitType', unitType, INSPECTION_TARGET_TYPES),
      planId,
    };
    return this.inspections.list(principal, q, Math.min(Math.max(limit, 1), 1000), Math.max(skip, 0));
  }

  /** Coverage figures for a division (default: the caller's jurisdiction), all time or from/to (YYYY-MM-DD); see InspectionCoverageService. */
  @Get('coverage')
  @Roles(...READERS)
  coverage(
    @CurrentPrincipal() principal: Principal,
    @Query('divisionCode') divisionCode?: string,
    @Query('unitType') unitType?: string,
    @Query('from') from?: string,
    @Query('to') to?: string,
  ) {
    return this.coverageService.coverage(principal, { divisionCode, unitType, from, to });
  }

  /** Opens the rectification issues of completions that stopped part-way (it also runs on a timer); safe at any time. */
  @Post('finding-issues-sweep')
  @HttpCode(200)
  @Roles('admin')
  sweepFindingIssues() {
    return this.findingIssues.sweep();
  }

  @Get(':inspectionId')
  @Roles(...READERS)
  get(@Param('inspectionId') inspectionId: string, @CurrentPrincipal() principal: Principal) {
    return this.inspections.get(inspectionId, principal);
  }

  /** The team arrives; an unannounced or covert visit becomes visible to the unit from now. */
  @Post(':inspectionId/start')
  @HttpCode(200)
  @Roles(...RECORDERS)
  start(@Param('inspectionId') inspectionId: string, @Body() body: StartInspectionRequest, @CurrentPrincipal() principal: Principal) {
    return this.inspections.start(inspectionId, body, principal);
  }

  @Post(':inspectionId/checklist-results')
  @HttpCode(200)
  @Roles(...RECORDERS)
  results(@Param('inspectionId') inspectionId: string, @Body() body: RecordResultsRequest, @CurrentPrincipal() principal: Principal) {
    return this.inspections.recordResults(inspectionId, body.results, principal);
  }

  /** A finding on the scope × severity grid; its letter sets the rectification deadline. */
  @Post(':inspectionId/findings')
  @Roles(...RECORDERS)
  finding(@Param('inspectionId') inspectionId: string, @Body() body: RecordFindingRequest, @CurrentPrincipal() principal: Principal) {
    return this.inspections.addFinding(inspectionId, body, principal);
  }

  /** 举一反三: sends a self-inspection task on a confirmed finding to every peer of the unit's kind in its county (regional setting). */
  @Post(':inspectionId/findings/:findingId/self-inspections')
  @Roles('township-officer', 'county-officer', 'city-officer', 'province-officer', 'inspector', 'discipline-officer', 'admin')
  sendSelfInspections(
    @Param('inspectionId') inspectionId: string,
    @Param('findingId') findingId: string,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.inspections.sendSelfInspections(inspectionId, findingId, principal);
  }

  /** Completes the visit; every finding is opened as a rectification issue. Safe to repeat. */
  @Post(':inspectionId/complete')
  @HttpCode(200)
  @Roles(...RECORDERS)
  complete(@Param('inspectionId') inspectionId: string, @Body() body: CompleteInspectionRequest, @CurrentPrincipal() principal: Principal) {
    return this.inspections.complete(inspectionId, body, principal);
  }
}
