import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { CurrentPrincipal, Principal, Roles } from '@civil/platform';
import { ServiceWindowsService } from '../application/service-windows.service';
import { BookAppointmentRequest, CancelAppointmentRequest, SuspendDayRequest } from './service-windows.request.dto';

/** Who books: the window's desk (the couple phones or comes in, 电话预约) and civil-affairs officers. */
const DESK = ['unit-staff', 'township-officer', 'county-officer', 'city-officer', 'province-officer', 'admin'] as const;
/** Who announces a suspended day: the civil-affairs bureau (民政局公告). */
const BUREAU = ['county-officer', 'city-officer', 'province-officer', 'admin'] as const;

/** Marriage registration (婚姻登记) at a service window: staggered appointments, suspended days. */
@Controller('institutions/:unitId')
export class ServiceWindowsHttpController {
  constructor(private readonly service: ServiceWindowsService) {}

  /** The day's slots with the places left and any suspension (?date=YYYY-MM-DD, Beijing). */
  @Get('marriage-appointment-slots')
  slots(@Param('unitId') unitId: string, @Query('date') date: string, @CurrentPrincipal() principal: Principal) {
    return this.service.slots(unitId, date, principal);
  }

  /** The day's appointments, phones masked. */
  @Get('marriage-appointments')
  @Roles(...DESK, 'inspector')
  list(@Param('unitId') unitId: string, @Query('date') date: string, @CurrentPrincipal() principal: Principal) {
    return this.service.list(unitId, date, principal);
  }

  /** Books a couple into a slot, or refuses (409) naming the rule. */
  @Post('marriage-appointments')
  @Roles(...DESK)
  book(@Param('unitId') unitId: string, @Body() body: BookAppointmentRequest, @CurrentPrincipal() principal: Principal) {
    return this.service.book(
      unitId,
      { date: body.date, slotStart: body.slotStart, contact: { name: body.contact.name, phone: body.contact.phone } },
      principal,
    );
  }

  /** Withdraws a booked appointment → MarriageAppointmentCancelled (withdrawn). */
  @Post('marriage-appointments/:ref/cancellation')
  @Roles(...DESK)
  cancel(
    @Param('unitId') unitId: string,
    @Param('ref') ref: string,
    @Body() body: CancelAppointmentRequest,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.service.cancel(unitId, ref, body.reason, principal);
  }

  /** The couple came on their day. */
  @Post('marriage-appointments/:ref/check-in')
  @Roles('unit-staff', 'admin')
  checkIn(@Param('unitId') unitId: string, @Param('ref') ref: string, @CurrentPrincipal() principal: Principal) {
    return this.service.checkIn(unitId, ref, principal);
  }

  /** Nobody came (once the slot has ended). */
  @Post('marriage-appointments/:ref/no-show')
  @Roles('unit-staff', 'admin')
  noShow(@Param('unitId') unitId: string, @Param('ref') ref: string, @CurrentPrincipal() principal: Principal) {
    return this.service.noShow(unitId, ref, principal);
  }

  /** Announces a day the window does not serve → ServiceDaySuspended, and MarriageAppointmentCancelled for each appointment on it. */
  @Post('service-suspensions')
  @Roles(...BUREAU)
  suspend(@Param('unitId') unitId: string, @Body() body: SuspendDayRequest, @CurrentPrincipal() principal: Principal) {
    return this.service.suspend(unitId, { noticeId: body.noticeId, date: body.date, reason: body.reason }, principal);
  }
}
