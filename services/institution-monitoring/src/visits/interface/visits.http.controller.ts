import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { CurrentPrincipal, Principal, Roles } from '@civil/platform';
import { VisitsService } from '../application/visits.service';
import { BookVisitRequest, CancelVisitRequest, RecordArrivalRequest } from './visits.request.dto';

/** Who registers visits: the unit's desk (the family phones or comes in) and civil-affairs officers. */
const REGISTRARS = ['unit-staff', 'township-officer', 'county-officer', 'city-officer', 'province-officer', 'admin'] as const;

/** Visits (探视): registration with a health declaration, staggered slots (预约错峰), caps. */
@Controller('institutions/:unitId')
export class VisitsHttpController {
  constructor(private readonly service: VisitsService) {}

  /** The day's slots with the places left (?date=YYYY-MM-DD, Beijing). */
  @Get('visit-slots')
  slots(@Param('unitId') unitId: string, @Query('date') date: string, @CurrentPrincipal() principal: Principal) {
    return this.service.slots(unitId, date, principal);
  }

  /** The day's visits, visitors' phones masked. */
  @Get('visits')
  @Roles(...REGISTRARS, 'inspector')
  list(@Param('unitId') unitId: string, @Query('date') date: string, @CurrentPrincipal() principal: Principal) {
    return this.service.list(unitId, date, principal);
  }

  /** Registers a visit into a slot, or refuses (409) naming the rule. */
  @Post('visits')
  @Roles(...REGISTRARS)
  book(@Param('unitId') unitId: string, @Body() body: BookVisitRequest, @CurrentPrincipal() principal: Principal) {
    return this.service.book(
      unitId,
      {
        residentId: body.residentId,
        date: body.date,
        slotStart: body.slotStart,
        visitor: { name: body.visitor.name, phone: body.visitor.phone, relation: body.visitor.relation },
        healthDeclaration: { ...body.healthDeclaration },
      },
      principal,
    );
  }

  /** Cancels a booked visit, freeing its place. */
  @Post('visits/:visitId/cancellation')
  @Roles(...REGISTRARS)
  cancel(
    @Param('unitId') unitId: string,
    @Param('visitId') visitId: string,
    @Body() body: CancelVisitRequest,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.service.cancel(unitId, visitId, body.reason, principal);
  }

  /** Checks the visitor in at the door (mask on, temperature below the fever threshold). */
  @Post('visits/:visitId/arrival')
  @Roles('unit-staff', 'admin')
  arrive(
    @Param('unitId') unitId: string,
    @Param('visitId') visitId: string,
    @Body() body: RecordArrivalRequest,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.service.arrive(unitId, visitId, { temperatureC: body.temperatureC, maskWorn: body.maskWorn }, principal);
  }
}
