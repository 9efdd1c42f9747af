import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { DomainError } from '@civil/kernel';
import { CurrentPrincipal, Principal, Roles } from '@civil/platform';
import { AddMember } from '../application/add-member';
import { AssessHousehold } from '../application/assess-household';
import { ChangeMember } from '../application/change-member';
import { CreateHousehold } from '../application/create-household';
import { ListAssessments } from '../application/list-assessments';
import { ListHouseholds } from '../application/list-households';
import { PhaseOutSweepService } from '../application/phase-out-sweep.service';
import { ReadHousehold } from '../application/read-household';
import { ReadRechecks } from '../application/read-rechecks';
import { RecheckSweepService } from '../application/recheck-sweep.service';
import { RecordRecheck } from '../application/record-recheck';
import { RemoveMember } from '../application/remove-member';
import { UpdateFinances } from '../application/update-finances';
import {
  ChangeMemberRequest,
  CreateHouseholdRequest,
  ListHouseholdsQuery,
  MemberRequest,
  RecordRecheckRequest,
  UpdateHouseholdRequest,
} from './households.request.dto';

const OFFICERS = ['township-officer', 'county-officer', 'city-officer', 'province-officer', 'admin'] as const;

@Controller('households')
export class HouseholdsHttpController {
  constructor(
    private readonly createHousehold: CreateHousehold,
    private readonly listHouseholds: ListHouseholds,
    private readonly readHousehold: ReadHousehold,
    private readonly updateFinances: UpdateFinances,
    private readonly addMemberTo: AddMember,
    private readonly changeMemberOf: ChangeMember,
    private readonly removeMemberFrom: RemoveMember,
    private readonly assessHousehold: AssessHousehold,
    private readonly listAssessments: ListAssessments,
    private readonly sweep: PhaseOutSweepService,
    private readonly recordRecheck: RecordRecheck,
    private readonly readRechecks: ReadRechecks,
    private readonly recheckSweep: RecheckSweepService,
  ) {}

  /** Registers a household with its members (each a person of the registry), incomes and rigid expenses. */
  @Post()
  @Roles(...OFFICERS)
  create(@Body() body: CreateHouseholdRequest, @CurrentPrincipal() principal: Principal) {
    return this.createHousehold.execute(body, principal);
  }

  /** Households within the caller's jurisdiction (?status=, ?limit= up to 500), newest first. */
  @Get()
  @Roles(...OFFICERS, 'inspector')
  list(@Query() query: ListHouseholdsQuery, @CurrentPrincipal() principal: Principal) {
    return this.listHouseholds.execute(principal, query.status, query.limit ?? 100);
  }

  /** Exits every household whose phase-out has ended (also run on a timer); exits in medium/high-risk areas wait. */
  @Post('phase-out-sweeps')
  @HttpCode(200)
  @Roles('admin')
  runSweep() {
    return this.sweep.sweep();
  }

  /** Signals every household whose re-check is past its due day plus grace (also run on a timer): RecheckMissed once per due day. */
  @Post('recheck-sweeps')
  @HttpCode(200)
  @Roles('admin')
  runRecheckSweep() {
    return this.recheckSweep.sweep();
  }

  @Get(':householdId')
  @Roles(...OFFICERS, 'inspector')
  get(@Param('householdId') householdId: string, @CurrentPrincipal() principal: Principal) {
    return this.readHousehold.execute(householdId, principal);
  }

  /** Replaces the incomes and/or rigid expenses. */
  @Patch(':householdId')
  @Roles(...OFFICERS)
  update(@Param('householdId') householdId: string, @Body() body: UpdateHouseholdRequest, @CurrentPrincipal() principal: Principal) {
    if (body.incomes === undefined && body.expenses === undefined)
      throw DomainError.invalid('NothingToChange', 'give incomes and/or expenses', { field: 'incomes' });
    return this.updateFinances.execute(householdId, body, principal);
  }

  @Post(':householdId/members')
  @Roles(...OFFICERS)
  addMember(@Param('householdId') householdId: string, @Body() body: MemberRequest, @CurrentPrincipal() principal: Principal) {
    return this.addMemberTo.execute(householdId, body, principal);
  }

  @Patch(':householdId/members/:personId')
  @Roles(...OFFICERS)
  changeMember(
    @Param('householdId') householdId: string,
    @Param('personId') personId: string,
    @Body() body: ChangeMemberRequest,
    @CurrentPrincipal() principal: Principal,
  ) {
    if (body.relation === undefined && body.flags === undefined && body.canWork === undefined)
      throw DomainError.invalid('NothingToChange', 'give relation, flags and/or canWork', { field: 'relation' });
    return this.changeMemberOf.execute(householdId, personId, body, principal);
  }

  @Delete(':householdId/members/:personId')
  @Roles(...OFFICERS)
  removeMember(@Param('householdId') householdId: string, @Param('personId') personId: string, @CurrentPrincipal() principal: Principal) {
    return this.removeMemberFrom.execute(householdId, personId, principal);
  }

  /** Runs the category rule now, records it and publishes HouseholdCategoryDetermined. */
  @Post(':householdId/assessments')
  @Roles(...OFFICERS)
  assess(@Param('householdId') householdId: string, @CurrentPrincipal() principal: Principal) {
    return this.assessHousehold.execute(householdId, principal);
  }

  @Get(':householdId/assessments')
  @Roles(...OFFICERS, 'inspector')
  assessments(@Param('householdId') householdId: string, @CurrentPrincipal() principal: Principal) {
    return this.listAssessments.execute(householdId, principal);
  }

  /** The township records a periodic re-check (定期核查): unchanged, changed (assessed again), or no longer eligible (leaves its register). */
  @Post(':householdId/rechecks')
  @Roles('township-officer', 'county-officer', 'admin')
  recheck(@Param('householdId') householdId: string, @Body() body: RecordRecheckRequest, @CurrentPrincipal() principal: Principal) {
    return this.recordRecheck.execute(householdId, body, principal);
  }

  /** The re-check schedule as it applies now (due day extended in a medium/high-risk area) and the re-checks recorded. */
  @Get(':householdId/rechecks')
  @Roles(...OFFICERS, 'inspector')
  rechecks(@Param('householdId') householdId: string, @CurrentPrincipal() principal: Principal) {
    return this.readRechecks.execute(householdId, principal);
  }
}
