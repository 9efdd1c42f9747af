import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CurrentPrincipal, Principal, Roles } from '@civil/platform';
import { CarePlacements } from '../application/care-placements';
import { OverduePlacementSweep } from '../application/overdue-placement-sweep.service';
import {
  EndPlacement,
  PlaceWithCarer,
  ReadPlacements,
  RecordCarerVisit,
  RecordFollowUp,
  RequestUnitCare,
} from '../application/placement-actions';
import {
  CarerVisitRequest,
  EndPlacementRequest,
  FollowUpRequest,
  ListPlacementsQuery,
  PlaceWithCarerRequest,
  RequestUnitCareRequest,
} from './care-placements.request.dto';

const OFFICERS = ['township-officer', 'county-officer', 'city-officer', 'province-officer', 'admin'] as const;
const READERS = [...OFFICERS, 'inspector'] as const;

/**
 * Care placements of children left without care (无人监护) while the guardian is isolated or in
 * hospital: opened by the no-guardian flag with a cause; placed in a unit or with an entrusted carer;
 * ended when the guardian returns; closed by the follow-up visit. Scoped to the caller's division.
 */
@Controller('care-placements')
export class CarePlacementsHttpController {
  constructor(
    private readonly read: ReadPlacements,
    private readonly requestUnit: RequestUnitCare,
    private readonly placeWithCarer: PlaceWithCarer,
    private readonly carerVisit: RecordCarerVisit,
    private readonly endPlacement: EndPlacement,
    private readonly followUp: RecordFollowUp,
    private readonly placements: CarePlacements,
    private readonly sweep: OverduePlacementSweep,
  ) {}

  /** Runs the overdue-placement sweep now (it also runs on a timer); safe to repeat. */
  @Post('overdue-sweeps')
  @HttpCode(200)
  @Roles('admin')
  runSweep() {
    return this.sweep.sweep();
  }

  /** Placements of the caller's jurisdiction, newest first: ?status=, ?entryId=, ?limit= (default 100). */
  @Get()
  @Roles(...READERS)
  list(@Query() query: ListPlacementsQuery, @CurrentPrincipal() principal: Principal) {
    return this.read.list(query, principal).then((placements) => ({ placements }));
  }

  @Get(':placementId')
  @Roles(...READERS)
  get(@Param('placementId') placementId: string, @CurrentPrincipal() principal: Principal) {
    return this.read.one(placementId, principal);
  }

  /** 申请机构临时照料: asks a unit (ChildPlacementRequested); the unit answers by event. 409 while an answer is pending. */
  @Post(':placementId/unit-requests')
  @HttpCode(200)
  @Roles(...OFFICERS)
  async request(@Param('placementId') placementId: string, @Body() body: RequestUnitCareRequest, @CurrentPrincipal() principal: Principal) {
    return this.placements.view(await this.requestUnit.execute(placementId, body.unitId, principal));
  }

  /** 委托照料: placed with an entrusted carer (name and phone kept encrypted). */
  @Post(':placementId/entrusted-carer')
  @HttpCode(200)
  @Roles(...OFFICERS)
  async carer(@Param('placementId') placementId: string, @Body() body: PlaceWithCarerRequest, @CurrentPrincipal() principal: Principal) {
    return this.placements.view(await this.placeWithCarer.execute(placementId, body.carer, principal));
  }

  /** A visit to the child at the entrusted carer's. */
  @Post(':placementId/carer-visits')
  @HttpCode(200)
  @Roles(...OFFICERS)
  async visit(@Param('placementId') placementId: string, @Body() body: CarerVisitRequest, @CurrentPrincipal() principal: Principal) {
    return this.placements.view(await this.carerVisit.execute(placementId, body, principal));
  }

  /** The guardian is back: ended (ChildPlacementEnded; a unit discharges the child). */
  @Post(':placementId/end')
  @HttpCode(200)
  @Roles(...OFFICERS)
  async end(@Param('placementId') placementId: string, @Body() body: EndPlacementRequest, @CurrentPrincipal() principal: Principal) {
    return this.placements.view(await this.endPlacement.execute(placementId, body.reason, principal));
  }

  /** The follow-up visit after the end, recorded on the child's key-person entry. */
  @Post(':placementId/follow-up')
  @HttpCode(200)
  @Roles(...OFFICERS)
  async follow(@Param('placementId') placementId: string, @Body() body: FollowUpRequest, @CurrentPrincipal() principal: Principal) {
    return this.placements.view(await this.followUp.execute(placementId, body, principal));
  }
}
