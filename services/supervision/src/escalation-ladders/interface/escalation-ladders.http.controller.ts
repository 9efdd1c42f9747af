import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { CASE_TYPES, CaseType } from '@civil/contracts';
import { DomainError } from '@civil/kernel';
import { CurrentPrincipal, Principal, Roles } from '@civil/platform';
import { EscalationLaddersService } from '../application/escalation-ladders.service';
import { SetEscalationLadderRequest } from './set-escalation-ladder.request.dto';

function caseTypeOf(value: string): CaseType {
  if (!(CASE_TYPES as readonly string[]).includes(value)) throw DomainError.notFound('UnknownCaseType', `no case type ${value}; known: ${CASE_TYPES.join(', ')}`);
  return value as CaseType;
}

@Controller('escalation-ladders')
export class EscalationLaddersHttpController {
  constructor(private readonly service: EscalationLaddersService) {}

  @Get(':caseType')
  get(@Param('caseType') caseType: string) {
    return this.service.get(caseTypeOf(caseType));
  }

  @Put(':caseType')
  @Roles('province-officer', 'admin')
  set(@Param('caseType') caseType: string, @Body() body: SetEscalationLadderRequest, @CurrentPrincipal() principal: Principal) {
    return this.service.set(caseTypeOf(caseType), body.rungs, principal);
  }
}
