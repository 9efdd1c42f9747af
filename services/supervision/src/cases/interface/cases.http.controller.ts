import { Controller, DefaultValuePipe, Get, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { CASE_LEVELS, CASE_TYPES } from '@civil/contracts';
import { DomainError } from '@civil/kernel';
import { assertCovers, CurrentPrincipal, Principal, Roles } from '@civil/platform';
import { EscalateDueCasesService } from '../application/escalate-due-cases.service';
import { CaseRepository } from '../infrastructure/case.repository';

const READERS = ['township-officer', 'county-officer', 'city-officer', 'province-officer', 'inspector', 'discipline-officer', 'admin', 'unit-staff'] as const;

@Controller('cases')
export class CasesHttpController {
  constructor(
    private readonly cases: CaseRepository,
    private readonly escalation: EscalateDueCasesService,
  ) {}

  /** Cases inside the caller's jurisdiction; unit staff see their own unit's cases. */
  @Get()
  @Roles(...READERS)
  list(
    @CurrentPrincipal() principal: Principal,
    @Query('status') status?: string,
    @Query('level') level?: string,
    @Query('caseType') caseType?: string,
    @Query('limit', new DefaultValuePipe(100), ParseIntPipe) limit = 100,
    @Query('skip', new DefaultValuePipe(0), ParseIntPipe) skip = 0,
  ) {
    if (status && status !== 'open' && status !== 'resolved') throw DomainError.invalid('InvalidQuery', 'status must be open or resolved', { field: 'status' });
    if (level && !(CASE_LEVELS as readonly string[]).includes(level)) throw DomainError.invalid('InvalidQuery', `level must be one of ${CASE_LEVELS.join(', ')}`, { field: 'level' });
    if (caseType && !(CASE_TYPES as readonly string[]).includes(caseType)) throw DomainError.invalid('InvalidQuery', `caseType must be one of ${CASE_TYPES.join(', ')}`, { field: 'caseType' });
    const subjectId = principal.roles.includes('unit-staff') ? principal.unitId : undefined;
    return this.cases.list({ jurisdiction: principal.jurisdiction, status, level, caseType, subjectId }, Math.min(Math.max(limit, 1), 1000), Math.max(skip, 0));
  }

  @Get(':caseId')
  @Roles(...READERS)
  async get(@Param('caseId') caseId: string, @CurrentPrincipal() principal: Principal) {
    const loaded = await this.cases.get(caseId);
    if (!loaded) throw DomainError.notFound('CaseNotFound', `no case ${caseId}`);
    assertCovers(principal, loaded.value.divisionCode, principal.roles.includes('unit-staff') ? loaded.value.subjectId : undefined);
    return loaded.value;
  }

  /** Runs one escalation pass now (it also runs on a timer). */
  @Post('escalations')
  @Roles('admin')
  escalate() {
    return this.escalation.run();
  }
}
