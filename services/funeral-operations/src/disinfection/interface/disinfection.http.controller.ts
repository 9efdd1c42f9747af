import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CurrentPrincipal, Principal, Roles } from '@civil/platform';
import { DisinfectionService } from '../application/disinfection.service';
import { RecordRoundRequest } from './disinfection.request.dto';

@Controller()
export class DisinfectionHttpController {
  constructor(private readonly disinfection: DisinfectionService) {}

  /** A disinfection round (消杀) of one crowded area, now. */
  @Post('funeral-homes/:homeId/disinfection-rounds')
  @Roles('unit-staff', 'county-officer', 'city-officer', 'province-officer', 'admin')
  record(@Param('homeId') homeId: string, @Body() body: RecordRoundRequest, @CurrentPrincipal() principal: Principal) {
    return this.disinfection.recordRound(homeId, body, principal);
  }

  /** A day's log (default today): per area its rounds, recorded misses and next due time. */
  @Get('funeral-homes/:homeId/disinfection')
  view(@Param('homeId') homeId: string, @CurrentPrincipal() principal: Principal, @Query('date') date?: string) {
    return this.disinfection.view(homeId, date, principal);
  }

  /** Runs the missed-round sweep now (it also runs on a timer); safe at any time. */
  @Post('disinfection/missed-round-sweeps')
  @HttpCode(200)
  @Roles('admin')
  sweep() {
    return this.disinfection.sweep();
  }
}
