import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { CASE_TYPES, CaseType } from '@civil/contracts';
import { DomainError } from '@civil/kernel';
import { CurrentPrincipal, Principal, Roles } from '@civil/platform';
import { EscalationLaddersService } from '../application/escalation-ladders.service';
import { SetEscalationLadderRequest } from './set-escalation-ladder.request.dto';

function caseTypeOf(value: string): CaseType {
  if (!(CASE_TYPES as readonly string[]).includes(value))
    throw DomainError.notFound('UnknownCaseType', `no case type ${value}; known: ${CASE_TYPES.join(', ')}`);
  return value as CaseType;
}

@Controller('escalation-ladders')
export class EscalationLaddersHttpController {
  constructor(private readonly service: EscalationLaddersService) {}

  /** The ladder a case of this type would take in `divisionCode` (narrowest set wins), with its history. */
  @Get(':caseType')
  get(@Param('caseType') caseType: string, @Query('divisionCode') divisionCode?: string) {
    if (divisionCode !== undefined && !/^\d{2,12}$/.test(divisionCode))
      throw DomainError.invalid('InvalidQuery', 'divisionCode must be 2–12 digits', { field: 'divisionCode' });
    return this.service.get(caseTypeOf(caseType), divisionCode ?? '');
  }

  /** Sets the ladder of a region (`divisionCode`, inside the caller's jurisdiction) or, national-admin only, of every region. */
  @Put(':caseType')
  @Roles('county-officer', 'city-officer', 'province-officer', 'admin', 'national-admin')
  set(@Param('caseType') caseType: string, @Body() body: SetEscalationLadderRequest, @CurrentPrincipal() principal: Principal) {
    return this.service.set(caseTypeOf(caseType), body, principal);
  }
}
