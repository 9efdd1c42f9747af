import { Body, Controller, DefaultValuePipe, Get, HttpCode, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { DomainError } from '@civil/kernel';
import { CurrentPrincipal, Principal, Roles } from '@civil/platform';
import { ListIssues } from '../application/list-issues';
import { OpenIssue } from '../application/open-issue';
import { OverdueSweepService } from '../application/overdue-sweep.service';
import { ReadIssue } from '../application/read-issue';
import { RecordRevisit } from '../application/record-revisit';
import { SignOffIssue } from '../application/sign-off-issue';
import { SubmitEvidence } from '../application/submit-evidence';
import { SummarizeIssues } from '../application/summarize-issues';
import { ISSUE_STATUSES } from '../domain/rectification-issue';
import { OpenIssueRequestDto, RecordRevisitRequestDto, SubmitEvidenceRequestDto } from './rectification-issues.request.dto';

const OFFICERS = ['township-officer', 'county-officer', 'city-officer', 'province-officer'] as const;
const READERS = [...OFFICERS, 'inspector', 'discipline-officer', 'admin', 'unit-staff'] as const;

@Controller('rectification-issues')
export class RectificationIssuesHttpController {
  constructor(
    private readonly opening: OpenIssue,
    private readonly listing: ListIssues,
    private readonly summarizing: SummarizeIssues,
    private readonly reading: ReadIssue,
    private readonly evidenceOf: SubmitEvidence,
    private readonly revisits: RecordRevisit,
    private readonly signOffs: SignOffIssue,
    private readonly overdue: OverdueSweepService,
  ) {}

  /** Opens an issue found outside an inspection (e.g. a complaint) and sends its notice. */
  @Post()
  @Roles('inspector', ...OFFICERS, 'admin')
  open(@Body() body: OpenIssueRequestDto, @CurrentPrincipal() principal: Principal) {
    return this.opening.execute(body, principal);
  }

  /** Issues in the caller's jurisdiction (unit staff: their unit's), newest first. */
  @Get()
  @Roles(...READERS)
  list(
    @CurrentPrincipal() principal: Principal,
    @Query('status') status?: string,
    @Query('unitId') unitId?: string,
    @Query('overdue') overdue?: string,
    @Query('inspectionId') inspectionId?: string,
    @Query('limit', new DefaultValuePipe(100), ParseIntPipe) limit = 100,
    @Query('skip', new DefaultValuePipe(0), ParseIntPipe) skip = 0,
  ) {
    if (status && !(ISSUE_STATUSES as readonly string[]).includes(status))
      throw DomainError.invalid('InvalidQuery', `status must be one of ${ISSUE_STATUSES.join(', ')}`, { field: 'status' });
    if (overdue !== undefined && overdue !== 'true' && overdue !== 'false')
      throw DomainError.invalid('InvalidQuery', 'overdue must be true or false', { field: 'overdue' });
    return this.listing.execute(
      { status, unitId, overdue: overdue === 'true', inspectionId },
      principal,
      Math.min(Math.max(limit, 1), 1000),
      Math.max(skip, 0),
    );
  }

  /** Counts by status for a division (default: the caller's jurisdiction), one level down. */
  @Get('summary')
  @Roles(...READERS)
  summary(@CurrentPrincipal() principal: Principal, @Query('divisionCode') divisionCode?: string) {
    return this.summarizing.execute(principal, { divisionCode });
  }

  /** One issue with its notices, evidence, revisits and history. */
  @Get(':issueId')
  @Roles(...READERS)
  get(@Param('issueId') issueId: string, @CurrentPrincipal() principal: Principal) {
    return this.reading.execute(issueId, principal);
  }

  @Post(':issueId/evidence')
  @HttpCode(200)
  @Roles('unit-staff', ...OFFICERS, 'admin')
  evidence(@Param('issueId') issueId: string, @Body() body: SubmitEvidenceRequestDto, @CurrentPrincipal() principal: Principal) {
    return this.evidenceOf.execute(issueId, body, principal);
  }

  @Post(':issueId/revisits')
  @HttpCode(200)
  @Roles('inspector', 'admin')
  revisit(@Param('issueId') issueId: string, @Body() body: RecordRevisitRequestDto, @CurrentPrincipal() principal: Principal) {
    return this.revisits.execute(issueId, body, principal);
  }

  /** Sign-off (销号); refused (409) unless the last revisit accepted the rectification. */
  @Post(':issueId/sign-off')
  @HttpCode(200)
  @Roles('inspector', 'county-officer', 'city-officer', 'province-officer', 'admin')
  signOff(@Param('issueId') issueId: string, @CurrentPrincipal() principal: Principal) {
    return this.signOffs.execute(issueId, principal);
  }

  /** Runs the overdue sweep now (it also runs on a timer); safe at any time. */
  @Post('overdue-sweep')
  @HttpCode(200)
  @Roles('admin')
  sweep() {
    return this.overdue.sweep();
  }
}
