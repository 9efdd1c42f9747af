import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { DomainError } from '@civil/kernel';
import { CurrentPrincipal, Principal, Roles } from '@civil/platform';
import { PlacementsService } from '../application/placements.service';
import { PlacementStatus } from '../domain/placement';
import { CancelPlacementRequest, RequestPlacementRequest } from './placements.request.dto';

const STAFF = ['unit-staff', 'township-officer', 'county-officer', 'city-officer', 'province-officer', 'admin'] as const;
const STATUSES: PlacementStatus[] = ['scheduled', 'on-hold', 'carried-out', 'cancelled'];

/** Adoption placements (送养) and returns to the family (送返寻亲), stopped while the unit is closed. */
@Controller('institutions/:unitId/placements')
export class PlacementsHttpController {
  constructor(private readonly service: PlacementsService) {}

  /** Schedules one; 409 UnitClosed while the unit is under closed management. */
  @Post()
  @Roles(...STAFF)
  request(@Param('unitId') unitId: string, @Body() body: RequestPlacementRequest, @CurrentPrincipal() principal: Principal) {
    return this.service.request(unitId, { kind: body.kind, subjectRef: body.subjectRef, scheduledDate: body.scheduledDate }, principal);
  }

  @Get()
  list(@Param('unitId') unitId: string, @CurrentPrincipal() principal: Principal, @Query('status') status?: string) {
    if (status !== undefined && !(STATUSES as string[]).includes(status)) {
      throw DomainError.invalid('InvalidStatus', `status must be one of: ${STATUSES.join(', ')}`, { field: 'status' });
    }
    return this.service.list(unitId, status as PlacementStatus | undefined, principal);
  }

  @Get(':ref')
  get(@Param('unitId') unitId: string, @Param('ref') ref: string, @CurrentPrincipal() principal: Principal) {
    return this.service.get(unitId, ref, principal);
  }

  /** It took place; 409 while the unit is closed or the placement is on hold. */
  @Post(':ref/carried-out')
  @Roles(...STAFF)
  carriedOut(@Param('unitId') unitId: string, @Param('ref') ref: string, @CurrentPrincipal() principal: Principal) {
    return this.service.carryOut(unitId, ref, principal);
  }

  @Post(':ref/cancellation')
  @Roles(...STAFF)
  cancel(
    @Param('unitId') unitId: string,
    @Param('ref') ref: string,
    @Body() body: CancelPlacementRequest,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.service.cancel(unitId, ref, body.reason, principal);
  }
}
