import { Body, Controller, DefaultValuePipe, Get, HttpCode, Param, ParseIntPipe, Post, Put, Query } from '@nestjs/common';
import { ACCOUNTABILITY_OUTCOMES, ACCOUNTABILITY_TRIGGERS, CASE_TYPES, CaseType } from '@civil/contracts';
import { DomainError, isDivisionCode } from '@civil/kernel';
import { CurrentPrincipal, Principal, Roles } from '@civil/platform';
import { AccountabilityRulesService } from '../application/accountability-rules.service';
import { AccountabilityService } from '../application/accountability.service';
import { ACCOUNTABILITY_STATUSES } from '../domain/accountability-case';
import { DecideOutcomeRequest, OpenAccountabilityCaseRequest, SetAccountabilityRuleRequest } from './accountability.request.dto';

const OFFICERS = ['township-officer', 'county-officer', 'city-officer', 'province-officer'] as const;
/** Unit staff read only decided cases about their own unit. */
const READERS = [...OFFICERS, 'inspector', 'discipline-officer', 'admin', 'unit-staff'] as const;

function oneOf(field: string, value: string | undefined, allowed: readonly string[]): string | undefined {
  if (value !== undefined && !allowed.includes(value))
    throw DomainError.invalid('InvalidQuery', `${field} must be one of: ${allowed.join(', ')}`, { field });
  return value;
}

/** The optional `divisionCode` query parameter: '' when absent. */
function divisionOf(value: string | undefined): string {
  if (value === undefined) return '';
  if (!isDivisionCode(value))
    throw DomainError.invalid('InvalidQuery', 'divisionCode must be a division code (2, 4, 6, 9 or 12 digits)', { field: 'divisionCode' });
  return value;
}

function caseTypeOf(value: string): CaseType {
  if (!(CASE_TYPES as readonly string[]).includes(value))
    throw DomainError.notFound('UnknownCaseType', `no case type ${value}; known: ${CASE_TYPES.join(', ')}`);
  return value as CaseType;
}

@Controller()
export class AccountabilityHttpController {
  constructor(
    private readonly accountability: AccountabilityService,
    private readonly rules: AccountabilityRulesService,
  ) {}

  /** Opens a case by hand (e.g. on an inspection finding), with the events that show it. */
  @Post('accountability-cases')
  @Roles(...OFFICERS, 'inspector', 'discipline-officer', 'admin')
  open(@Body() body: OpenAccountabilityCaseRequest, @CurrentPrincipal() principal: Principal) {
    const evidence = body.evidence.map((e) => ({
      eventId: e.eventId,
      type: e.type ?? null,
      time: e.time ? new Date(e.time).toISOString() : null,
    }));
    return this.accountability.open(
      {
        trigger: body.trigger,
        subject: { kind: body.subject.kind, id: body.subject.id, divisionCode: body.subject.divisionCode },
        evidence,
        summary: body.summary,
      },
      principal,
    );
  }

  /** The decision (约谈 / 通报批评 / 移送纪检监察 / 不予问责), once. */
  @Post('accountability-cases/:id/outcome')
  @HttpCode(200)
  @Roles('discipline-officer', 'admin')
  decide(@Param('id') id: string, @Body() body: DecideOutcomeRequest, @CurrentPrincipal() principal: Principal) {
    return this.accountability.decide(id, { outcome: body.outcome, reason: body.reason }, principal);
  }

  @Get('accountability-cases')
  @Roles(...READERS)
  list(
    @CurrentPrincipal() principal: Principal,
    @Query('status') status?: string,
    @Query('trigger') trigger?: string,
    @Query('outcome') outcome?: string,
    @Query('limit', new DefaultValuePipe(100), ParseIntPipe) limit = 100,
    @Query('skip', new DefaultValuePipe(0), ParseIntPipe) skip = 0,
  ) {
    const query = {
      status: oneOf('status', status, ACCOUNTABILITY_STATUSES),
      trigger: oneOf('trigger', trigger, ACCOUNTABILITY_TRIGGERS),
      outcome: oneOf('outcome', outcome, ACCOUNTABILITY_OUTCOMES),
    };
    return this.accountability.list(principal, query, Math.min(Math.max(limit, 1), 1000), Math.max(skip, 0));
  }

  @Get('accountability-cases/:id')
  @Roles(...READERS)
  get(@Param('id') id: string, @CurrentPrincipal() principal: Principal) {
    return this.accountability.get(id, principal);
  }

  /**
   * Per case type: the level at which an escalating case opens accountability, and for what, as it
   * applies in `divisionCode` (narrowest set wins; without it, every region's).
   */
  @Get('accountability-rules')
  @Roles(...OFFICERS, 'inspector', 'discipline-officer', 'admin', 'national-admin')
  allRules(@Query('divisionCode') divisionCode?: string) {
    return this.rules.all(divisionOf(divisionCode));
  }

  /**
   * Sets a case type's rule for the region `?divisionCode=` (a province and what lies inside it:
   * province officers, discipline officers and admins of the province) or, without it, for every
   * region (national-admin only).
   */
  @Put('accountability-rules/:caseType')
  @Roles('province-officer', 'discipline-officer', 'admin', 'national-admin')
  setRule(
    @Param('caseType') caseType: string,
    @Body() body: SetAccountabilityRuleRequest,
    @CurrentPrincipal() principal: Principal,
    @Query('divisionCode') divisionCode?: string,
  ) {
    const rule = body.disabled ? null : { level: body.level!, trigger: body.trigger! };
    return this.rules.set(caseTypeOf(caseType), divisionOf(divisionCode), rule, principal);
  }
}
