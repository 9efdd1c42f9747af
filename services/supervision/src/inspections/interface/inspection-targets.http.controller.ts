import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { CurrentPrincipal, Principal, Roles } from '@civil/platform';
import { InspectionTargetsService } from '../application/inspection-targets.service';
import { ORGANISERS, READERS } from './inspection-teams.http.controller';
import { RegisterTargetRequest } from './inspections.request.dto';

/** What supervision inspects: registry units and the funeral homes, townships and welfare-lottery sales points registered here. */
@Controller('inspection-targets')
export class InspectionTargetsHttpController {
  constructor(private readonly targets: InspectionTargetsService) {}

  /** Registers a funeral home, township or sales point in the caller's jurisdiction; safe to repeat. */
  @Post()
  @Roles(...ORGANISERS)
  register(@Body() body: RegisterTargetRequest, @CurrentPrincipal() principal: Principal) {
    return this.targets.register(body, principal);
  }

  @Get()
  @Roles(...READERS)
  list(@CurrentPrincipal() principal: Principal, @Query('unitType') unitType?: string) {
    return this.targets.list(principal, unitType);
  }

  @Get(':targetId')
  @Roles(...READERS)
  get(@Param('targetId') targetId: string, @CurrentPrincipal() principal: Principal) {
    return this.targets.get(targetId, principal);
  }
}
