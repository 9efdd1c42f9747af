import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { HOUSEHOLD_CATEGORY_LABELS } from '@civil/contracts';
import { DomainError } from '@civil/kernel';
import { CurrentPrincipal, Principal, Roles } from '@civil/platform';
import { HouseholdsService } from '../application/households.service';
import { PhaseOutSweepService } from '../application/phase-out-sweep.service';
import { PHASE_OUT_MONTHS } from '../domain/household';
import {
  EXPENSE_KIND_LABELS,
  HOUSEHOLD_EXIT_REASON_LABELS,
  HOUSEHOLD_STATUS_LABELS,
  INCOME_KIND_LABELS,
  MEMBER_FLAG_LABELS,
  PHASE_OUT_EVENT_LABELS,
  RELATION_LABELS,
  SUPPLEMENT_KIND_LABELS,
} from '../domain/household-vocabulary';
import { ChangeMemberRequest, CreateHouseholdRequest, ListHouseholdsQuery, MemberRequest, UpdateHouseholdRequest } from './households.request.dto';

const OFFICERS = ['township-officer', 'county-officer', 'city-officer', 'province-officer', 'admin'] as const;

@Controller('households')
export class HouseholdsHttpController {
  constructor(
    private readonly households: HouseholdsService,
    private readonly sweep: PhaseOutSweepService,
  ) {}

  /** Registers a household with its members (each a person of the registry), incomes and rigid expenses. */
  @Post()
  @Roles(...OFFICERS)
  create(@Body() body: CreateHouseholdRequest, @CurrentPrincipal() principal: Principal) {
    return this.households.create(body, principal);
  }

  /** Households within the caller's jurisdiction (?status=, ?limit= up to 500), newest first. */
  @Get()
  @Roles(...OFFICERS, 'inspector')
  list(@Query() query: ListHouseholdsQuery, @CurrentPrincipal() principal: Principal) {
    return this.households.list(principal, query.status, query.limit ?? 100);
  }

  /** zh-CN labels of household statuses, categories, relations, member flags, income and expense kinds. */
  @Get('labels')
  @Roles(...OFFICERS, 'inspector')
  labels() {
    return {
      statuses: HOUSEHOLD_STATUS_LABELS,
      categories: HOUSEHOLD_CATEGORY_LABELS,
      relations: RELATION_LABELS,
      memberFlags: MEMBER_FLAG_LABELS,
      incomeKinds: INCOME_KIND_LABELS,
      expenseKinds: EXPENSE_KIND_LABELS,
      supplementKinds: SUPPLEMENT_KIND_LABELS,
      exitReasons: HOUSEHOLD_EXIT_REASON_LABELS,
      phaseOut: PHASE_OUT_EVENT_LABELS,
      phaseOutMonths: PHASE_OUT_MONTHS,
    };
  }

  /** Exits every household whose phase-out has ended (also run on a timer); exits in medium/high-risk areas wait. */
  @Post('phase-out-sweeps')
  @HttpCode(200)
  @Roles('admin')
  runSweep() {
    return this.sweep.sweep();
  }

  @Get(':householdId')
  @Roles(...OFFICERS, 'inspector')
  get(@Param('householdId') householdId: string, @CurrentPrincipal() principal: Principal) {
    return this.households.get(householdId, principal);
  }

  /** Replaces the incomes and/or rigid expenses. */
  @Patch(':householdId')
  @Roles(...OFFICERS)
  update(@Param('householdId') householdId: string, @Body() body: UpdateHouseholdRequest, @CurrentPrincipal() principal: Principal) {
    if (body.incomes === undefined && body.expenses === undefined) throw DomainError.invalid('NothingToChange', 'give incomes and/or expenses', { field: 'incomes' });
    return this.households.updateFinances(householdId, body, principal);
  }

  @Post(':householdId/members')
  @Roles(...OFFICERS)
  addMember(@Param('householdId') householdId: string, @Body() body: MemberRequest, @CurrentPrincipal() principal: Principal) {
    return this.households.addMember(householdId, body, principal);
  }

  @Patch(':householdId/members/:personId')
  @Roles(...OFFICERS)
  changeMember(@Param('householdId') householdId: string, @Param('personId') personId: string, @Body() body: ChangeMemberRequest, @CurrentPrincipal() principal: Principal) {
    if (body.relation === undefined && body.flags === undefined && body.canWork === undefined) throw DomainError.invalid('NothingToChange', 'give relation, flags and/or canWork', { field: 'relation' });
    return this.households.changeMember(householdId, personId, body, principal);
  }

  @Delete(':householdId/members/:personId')
  @Roles(...OFFICERS)
  removeMember(@Param('householdId') householdId: string, @Param('personId') personId: string, @CurrentPrincipal() principal: Principal) {
    return this.households.removeMember(householdId, personId, principal);
  }

  /** Runs the category rule now, records it and publishes HouseholdCategoryDetermined. */
  @Post(':householdId/assessments')
  @Roles(...OFFICERS)
  assess(@Param('householdId') householdId: string, @CurrentPrincipal() principal: Principal) {
    return this.households.assess(householdId, principal);
  }

  @Get(':householdId/assessments')
  @Roles(...OFFICERS, 'inspector')
  assessments(@Param('householdId') householdId: string, @CurrentPrincipal() principal: Principal) {
    return this.households.assessments(householdId, principal);
  }
}
