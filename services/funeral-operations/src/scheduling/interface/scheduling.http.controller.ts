import { Controller, Get, Param, Post, Query } from '@nestjs/common';
import { CAPACITY_MEASURE_LABELS } from '@civil/contracts';
import { CurrentPrincipal, Principal, Roles } from '@civil/platform';
import { CapacityService } from '../application/capacity.service';
import { CremationQueue } from '../application/cremation-queue';
import { CapacityRequest } from './scheduling.request.dto';

@Controller()
export class SchedulingHttpController {
  constructor(
    private readonly queue: CremationQueue,
    private readonly capacity: CapacityService,
  ) {}

  /** Cases waiting, cremations placed, and the expected wait for a new case. */
  @Get('funeral-homes/:homeId/cremation-queue')
  cremationQueue(@Param('homeId') homeId: string, @CurrentPrincipal() principal: Principal) {
    return this.queue.of(homeId, principal);
  }

  /** Other homes of the region (city) with free capacity, best first. */
  @Get('funeral-homes/:homeId/alternatives')
  alternatives(@Param('homeId') homeId: string, @CurrentPrincipal() principal: Principal) {
    return this.capacity.alternatives(homeId, principal);
  }

  /** Every home's figures in a region and the region's totals (county task force and above). */
  @Get('capacity')
  @Roles('county-officer', 'city-officer', 'province-officer', 'inspector', 'admin')
  async region(@Query() query: CapacityRequest, @CurrentPrincipal() principal: Principal) {
    return { ...(await this.capacity.region(query.divisionCode ?? principal.jurisdiction, principal)), labels: CAPACITY_MEASURE_LABELS };
  }

  /** Runs the capacity sweep now over the caller's jurisdiction (the timer runs it too). */
  @Post('capacity/sweep')
  @Roles('county-officer', 'city-officer', 'province-officer', 'admin')
  sweep(@CurrentPrincipal() principal: Principal) {
    return this.capacity.sweep(principal);
  }
}
