import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { INSPECTION_MODES } from '@civil/contracts';
import { DomainError } from '@civil/kernel';
import { CurrentPrincipal, Principal, Roles } from '@civil/platform';
import { CreateInspectionPlan } from '../application/create-inspection-plan';
import { ListInspectionPlans } from '../application/list-inspection-plans';
import { ReadInspectionPlan } from '../application/read-inspection-plan';
import { ORGANISERS, READERS } from './inspection-teams.http.controller';
import { CreatePlanRequest } from './inspections.request.dto';

/** Rounds (轮次) of inspections; unit staff file self-inspections (自查自纠) of their own unit. */
@Controller('inspection-plans')
export class InspectionPlansHttpController {
  constructor(
    private readonly creating: CreateInspectionPlan,
    private readonly listing: ListInspectionPlans,
    private readonly reading: ReadInspectionPlan,
  ) {}

  @Post()
  @Roles(...ORGANISERS, 'unit-staff')
  create(@Body() body: CreatePlanRequest, @CurrentPrincipal() principal: Principal) {
    return this.creating.execute(body, principal);
  }

  @Get()
  @Roles(...READERS)
  list(@CurrentPrincipal() principal: Principal, @Query('mode') mode?: string) {
    if (mode && !(INSPECTION_MODES as readonly string[]).includes(mode))
      throw DomainError.invalid('InvalidQuery', `mode must be one of ${INSPECTION_MODES.join(', ')}`, { field: 'mode' });
    return this.listing.execute(principal, mode);
  }

  @Get(':planId')
  @Roles(...READERS)
  get(@Param('planId') planId: string, @CurrentPrincipal() principal: Principal) {
    return this.reading.execute(planId, principal);
  }
}
