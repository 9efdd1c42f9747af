import { Controller, Get, Param, Post, Query } from '@nestjs/common';
import { CAPACITY_MEASURE_LABELS } from '@civil/contracts';
import { CurrentPrincipal, Principal, Roles } from '@civil/platform';
import { CremationQueue } from '../application/cremation-queue';
import { FindAlternatives } from '../application/find-alternatives';
import { ReadRegionCapacity } from '../application/read-region-capacity';
import { SweepCapacity } from '../application/sweep-capacity';
import { CapacityRequest } from './scheduling.request.dto';

@Controller()
export class SchedulingHttpController {
  constructor(
    private readonly queue: CremationQueue,
    private readonly findAlternatives: FindAlternatives,
    private readonly readRegionCapacity: ReadRegionCapacity,
    private readonly sweepCapacity: SweepCapacity,
  ) {}

  /** Cases waiting, cremations placed, and the expected wait for a new case. */
  @Get('funeral-homes/:homeId/cremation-queue')
  cremationQueue(@Param('homeId') homeId: string, @CurrentPrincipal() principal: Principal) {
    return this.queue.of(homeId, principal);
  }

  /** Other homes of the region (city) with free capacity, best first. */
  @Get('funeral-homes/:homeId/alternatives')
  alternatives(@Param('homeId') homeId: string, @CurrentPrincipal() principal: Principal) {
    return this.findAlternatives.execute(homeId, principal);
  }

  /** Every home's figures in a region and the region's totals (county task force and above). */
  @Get('capacity')
  @Roles('county-officer', 'city-officer', 'province-officer', 'inspector', 'admin')
  async region(@Query() query: CapacityRequest, @CurrentPrincipal() principal: Principal) {
    return {
      ...(await this.readRegionCapacity.execute(query.divisionCode ?? principal.jurisdiction, principal)),
      labels: CAPACITY_MEASURE_LABELS,
    };
  }

  /** Runs the capacity sweep now over the caller's jurisdiction (the timer runs it too). */
  @Post('capacity/sweep')
  @Roles('county-officer', 'city-officer', 'province-officer', 'admin')
  sweep(@CurrentPrincipal() principal: Principal) {
    return this.sweepCapacity.execute(principal);
  }
}
