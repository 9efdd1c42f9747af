import { Body, Controller, DefaultValuePipe, Get, HttpCode, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { CASE_LEVELS, CASE_TYPES } from '@civil/contracts';
import { DomainError } from '@civil/kernel';
import { assertCovers, assertFoundWithin, CurrentPrincipal, isUnitScoped, Principal, Roles } from '@civil/platform';
import { CaseActionsService } from '../application/case-actions.service';
import { EscalateDueCasesService } from '../application/escalate-due-cases.service';
import { EquipmentFaultWatchService } from '../application/equipment-fault-watch.service';
import { CaseRepository } from '../infrastructure/case.repository';
import { EscalateCaseRequest, ResolveCaseRequest } from './case-action.request.dto';

const READERS = [
  'township-officer',
  'county-officer',
  'city-officer',
  'province-officer',
  'inspector',
  'discipline-officer',
  'admin',
  'unit-staff',
] as const;
const ACTORS = ['township-officer', 'county-officer', 'city-officer', 'province-officer', 'inspector', 'admin'] as const;

@Controller('cases')
export class CasesHttpController {
  constructor(
    private readonly cases: CaseRepository,
    private readonly escalation: EscalateDueCasesService,
    private readonly actions: CaseActionsService,
    private readonly faults: EquipmentFaultWatchService,
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
    if (status && status !== 'open' && status !== 'resolved')
      throw DomainError.invalid('InvalidQuery', 'status must be open or resolved', { field: 'status' });
    if (level && !(CASE_LEVELS as readonly string[]).includes(level))
      throw DomainError.invalid('InvalidQuery', `level must be one of ${CASE_LEVELS.join(', ')}`, { field: 'level' });
    if (caseType && !(CASE_TYPES as readonly string[]).includes(caseType))
      throw DomainError.invalid('InvalidQuery', `caseType must be one of ${CASE_TYPES.join(', ')}`, { field: 'caseType' });
    const unitId = isUnitScoped(principal) ? (principal.unitId ?? '-') : undefined;
    return this.cases.list(
      { jurisdiction: principal.jurisdiction, status, level, caseType, unitId },
      Math.min(Math.max(limit, 1), 1000),
      Math.max(skip, 0),
    );
  }

  /** Open cases by type and level, escalations per level reached, resolved cases by how: the workload at each level. */
  @Get('summary')
  @Roles(...READERS.filter((r) => r !== 'unit-staff'))
  summary(@CurrentPrincipal() principal: Principal, @Query('divisionCode') divisionCode?: string) {
    if (divisionCode !== undefined && !/^\d{2,12}$/.test(divisionCode))
      throw DomainError.invalid('InvalidQuery', 'divisionCode must be 2–12 digits', { field: 'divisionCode' });
    if (divisionCode) assertCovers(principal, divisionCode);
    return this.cases.summary(divisionCode ?? principal.jurisdiction);
  }

  @Get(':caseId')
  @Roles(...READERS)
  async get(@Param('caseId') caseId: string, @CurrentPrincipal() principal: Principal) {
    const notFound = () => DomainError.notFound('CaseNotFound', `no case ${caseId}`, { caseId });
    const loaded = await this.cases.get(caseId);
    if (!loaded) throw notFound();
    // outside the caller's reach a case is answered as an unknown one
    assertFoundWithin(principal, notFound, loaded.value.divisionCode, isUnitScoped(principal) ? (loaded.value.unitId ?? '') : undefined);
    return loaded.value;
  }

  /** Resolves a case by hand with what was done (e.g. a missed disinfection round made good); 409 if resolved. */
  @Post(':caseId/resolve')
  @HttpCode(200)
  @Roles(...ACTORS)
  resolve(@Param('caseId') caseId: string, @Body() body: ResolveCaseRequest, @CurrentPrincipal() principal: Principal) {
    return this.actions.resolve(caseId, body.note, principal);
  }

  /** Sends a case up one rung now; 409 if it is resolved or at the top. */
  @Post(':caseId/escalate')
  @HttpCode(200)
  @Roles(...ACTORS)
  escalate(@Param('caseId') caseId: string, @Body() body: EscalateCaseRequest, @CurrentPrincipal() principal: Principal) {
    return this.actions.escalate(caseId, body.reason, principal);
  }

  /** Runs one escalation pass now (it also runs on a timer). */
  @Post('escalations')
  @Roles('admin')
  escalateDue() {
    return this.escalation.run();
  }

  /** Runs the unrepaired-equipment sweep now (it also runs on a timer). */
  @Post('equipment-sweep')
  @Roles('admin')
  sweepFaults() {
    return this.faults.sweep();
  }
}
