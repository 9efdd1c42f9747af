import { Body, Controller, DefaultValuePipe, Get, HttpCode, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { DomainError, isLocalDate } from '@civil/kernel';
import { CurrentPrincipal, Principal, Roles } from '@civil/platform';
import { DirectivesService } from '../application/directives.service';
import { FileImplementationRequest, FileStatusReportRequest, IssueDirectiveRequest } from './directives.request.dto';

const OFFICERS = ['township-officer', 'county-officer', 'city-officer', 'province-officer'] as const;

@Controller('directives')
export class DirectivesHttpController {
  constructor(private readonly directives: DirectivesService) {}

  /** A directive received from above on day D, sent on to the divisions below that implement it. */
  @Post()
  @Roles('county-officer', 'city-officer', 'province-officer', 'admin')
  issue(@Body() body: IssueDirectiveRequest, @CurrentPrincipal() principal: Principal) {
    if (!isLocalDate(body.receivedOn))
      throw DomainError.invalid('InvalidDate', `receivedOn ${body.receivedOn} is not a calendar date`, { field: 'receivedOn' });
    return this.directives.issue(body, principal);
  }

  /** The target's implementing document (落实文件), due on the day received. */
  @Post(':id/implementations')
  @Roles(...OFFICERS, 'admin')
  fileImplementation(@Param('id') id: string, @Body() body: FileImplementationRequest, @CurrentPrincipal() principal: Principal) {
    return this.directives.file(
      id,
      body.divisionCode,
      'implementing-document',
      { documentRef: body.documentRef, title: body.title },
      principal,
    );
  }

  /** The target's status report (落实情况), due the day after. */
  @Post(':id/status-reports')
  @Roles(...OFFICERS, 'admin')
  fileStatusReport(@Param('id') id: string, @Body() body: FileStatusReportRequest, @CurrentPrincipal() principal: Principal) {
    return this.directives.file(id, body.divisionCode, 'status-report', { summary: body.summary }, principal);
  }

  /** Runs the missed-step sweep now (it also runs on a timer); safe at any time. */
  @Post('missed-sweep')
  @HttpCode(200)
  @Roles('admin')
  sweep() {
    return this.directives.sweep();
  }

  /** Directives issued by or sent to divisions in the caller's jurisdiction. */
  @Get()
  @Roles(...OFFICERS, 'inspector', 'discipline-officer', 'admin')
  list(
    @CurrentPrincipal() principal: Principal,
    @Query('limit', new DefaultValuePipe(100), ParseIntPipe) limit = 100,
    @Query('skip', new DefaultValuePipe(0), ParseIntPipe) skip = 0,
  ) {
    return this.directives.list(principal, Math.min(Math.max(limit, 1), 1000), Math.max(skip, 0));
  }

  /** One directive with each target's steps: on time, late, missing, or not yet due. */
  @Get(':id')
  @Roles(...OFFICERS, 'inspector', 'discipline-officer', 'admin')
  get(@Param('id') id: string, @CurrentPrincipal() principal: Principal) {
    return this.directives.get(id, principal);
  }
}
