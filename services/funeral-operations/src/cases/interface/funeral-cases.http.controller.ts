import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { DomainError } from '@civil/kernel';
import { CurrentPrincipal, FieldCipher, isUnitScoped, Principal, Roles } from '@civil/platform';
import { CaseIntakeService } from '../application/case-intake.service';
import { CancelCase } from '../application/cancel-case';
import { caseView, custodyView } from '../application/case-views';
import { CaseWriter } from '../application/case-writer';
import { DispatchVehicle } from '../application/dispatch-vehicle';
import { PickUpBody } from '../application/pick-up-body';
import { RecordCremation } from '../application/record-cremation';
import { ReleaseRemains } from '../application/release-remains';
import { ScheduleCremation } from '../application/schedule-cremation';
import { StoreBody } from '../application/store-body';
import {
  AssignRequest,
  CancelRequest,
  CremationRequest,
  DispatchRequest,
  IntakeRequest,
  ListCasesRequest,
  PickUpRequest,
  ReleaseRequest,
  ScheduleRequest,
  StoreRequest,
} from './funeral-cases.request.dto';

/** Home staff (dispatchers, operators) act on their home's cases; the county task force on its county's. */
const CASE_ROLES = ['unit-staff', 'county-officer', 'city-officer', 'province-officer', 'admin'] as const;
const OFFICERS = ['county-officer', 'city-officer', 'province-officer', 'admin'] as const;
/** Who may read cases: home staff, the county (and wider) officers, inspectors; not township officers. */
const CASE_READERS = [...CASE_ROLES, 'inspector'] as const;

@Controller('funeral-cases')
export class FuneralCasesHttpController {
  constructor(
    private readonly intake: CaseIntakeService,
    private readonly dispatchVehicle: DispatchVehicle,
    private readonly pickUpBody: PickUpBody,
    private readonly storeBody: StoreBody,
    private readonly scheduleCremation: ScheduleCremation,
    private readonly recordCremation: RecordCremation,
    private readonly releaseRemains: ReleaseRemains,
    private readonly cancelCase: CancelCase,
    private readonly writer: CaseWriter,
    private readonly cipher: FieldCipher,
  ) {}

  /** A dispatcher enters an intake request directly (name and ID number stored encrypted). */
  @Post()
  @Roles(...CASE_ROLES)
  async create(@Body() body: IntakeRequest, @CurrentPrincipal() principal: Principal) {
    return this.view(await this.intake.direct(body, principal));
  }

  @Get()
  @Roles(...CASE_READERS)
  async list(@Query() query: ListCasesRequest, @CurrentPrincipal() principal: Principal) {
    const homeId = isUnitScoped(principal) ? principal.unitId : query.homeId;
    if (isUnitScoped(principal) && query.homeId && query.homeId !== principal.unitId)
      throw DomainError.forbidden('OutsideJurisdiction', `Unit ${query.homeId} is not your unit (非本单位)`);
    if (isUnitScoped(principal) && !homeId) return [];
    const cases = await this.writer.list(
      {
        jurisdiction: principal.jurisdiction,
        homeId,
        status: query.status,
        unassigned: query.unassigned === 'true' && !isUnitScoped(principal),
      },
      500,
    );
    return cases.map((c) => this.view(c));
  }

  @Get(':caseId')
  @Roles(...CASE_READERS)
  async get(@Param('caseId') caseId: string, @CurrentPrincipal() principal: Principal) {
    return this.view((await this.writer.caseFor(caseId, principal)).value);
  }

  /** The custody log: every move, where, who, when, why. */
  @Get(':caseId/custody')
  @Roles(...CASE_READERS)
  async custody(@Param('caseId') caseId: string, @CurrentPrincipal() principal: Principal) {
    return custodyView((await this.writer.caseFor(caseId, principal)).value);
  }

  /** The county task force assigns a home to a case its county had none for. */
  @Post(':caseId/assignment')
  @Roles(...OFFICERS)
  async assign(@Param('caseId') caseId: string, @Body() body: AssignRequest, @CurrentPrincipal() principal: Principal) {
    return this.view(await this.intake.assign(caseId, body.homeId, principal));
  }

  @Post(':caseId/dispatch')
  @HttpCode(200)
  @Roles(...CASE_ROLES)
  async dispatch(@Param('caseId') caseId: string, @Body() body: DispatchRequest, @CurrentPrincipal() principal: Principal) {
    return this.view(await this.dispatchVehicle.execute(caseId, body.vehicleId, body.why, principal));
  }

  @Post(':caseId/pick-up')
  @HttpCode(200)
  @Roles(...CASE_ROLES)
  async pickUp(@Param('caseId') caseId: string, @Body() body: PickUpRequest, @CurrentPrincipal() principal: Principal) {
    return this.view(await this.pickUpBody.execute(caseId, body, principal));
  }

  @Post(':caseId/storage')
  @HttpCode(200)
  @Roles(...CASE_ROLES)
  async store(@Param('caseId') caseId: string, @Body() body: StoreRequest, @CurrentPrincipal() principal: Principal) {
    return this.view(await this.storeBody.execute(caseId, body.slot, body.why, principal));
  }

  /** Earliest fit, or an explicit {crematorId, start}. */
  @Post(':caseId/cremation-booking')
  @HttpCode(200)
  @Roles(...CASE_ROLES)
  async schedule(@Param('caseId') caseId: string, @Body() body: ScheduleRequest, @CurrentPrincipal() principal: Principal) {
    if (!!body.crematorId !== !!body.start)
      throw DomainError.invalid('ExplicitSlotIncomplete', 'an explicit slot needs both crematorId and start', {
        field: body.crematorId ? 'start' : 'crematorId',
      });
    const explicit = body.crematorId && body.start ? { crematorId: body.crematorId, start: body.start } : undefined;
    return this.view(await this.scheduleCremation.execute(caseId, explicit, principal));
  }

  /** The cremation log: cremator, operator, start and end. */
  @Post(':caseId/cremation')
  @HttpCode(200)
  @Roles(...CASE_ROLES)
  async cremate(@Param('caseId') caseId: string, @Body() body: CremationRequest, @CurrentPrincipal() principal: Principal) {
    return this.view(await this.recordCremation.execute(caseId, body, principal));
  }

  @Post(':caseId/release')
  @HttpCode(200)
  @Roles(...CASE_ROLES)
  async release(@Param('caseId') caseId: string, @Body() body: ReleaseRequest, @CurrentPrincipal() principal: Principal) {
    return this.view(await this.releaseRemains.execute(caseId, body, principal));
  }

  @Post(':caseId/cancellation')
  @HttpCode(200)
  @Roles(...CASE_ROLES)
  async cancel(@Param('caseId') caseId: string, @Body() body: CancelRequest, @CurrentPrincipal() principal: Principal) {
    return this.view(await this.cancelCase.execute(caseId, body.reason, principal));
  }

  private view(c: Parameters<typeof caseView>[0]) {
    return caseView(c, this.cipher);
  }
}
