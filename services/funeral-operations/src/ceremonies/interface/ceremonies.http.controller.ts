import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { DomainError } from '@civil/kernel';
import { CurrentPrincipal, Principal, Roles } from '@civil/platform';
import { CeremonyBookingsService } from '../application/ceremony-bookings.service';
import { FuneralIncidentsService } from '../application/funeral-incidents.service';
import { SuspensionOrdersService } from '../application/suspension-orders.service';
import { INCIDENT_STATUSES, IncidentStatus } from '../domain/funeral-incident';
import { BookCeremonyRequest, IssueSuspensionOrderRequest, RecordIncidentRequest, ResolveIncidentRequest } from './ceremonies.request.dto';

const COUNTY_AND_WIDER = ['county-officer', 'city-officer', 'province-officer', 'admin'] as const;
const INCIDENT_RECORDERS = ['township-officer', 'county-officer', 'city-officer', 'province-officer', 'inspector', 'admin'] as const;
const ORDER_READERS = ['unit-staff', ...INCIDENT_RECORDERS] as const;
const BOOKING_READERS = ['unit-staff', ...COUNTY_AND_WIDER, 'inspector'] as const;
const time = (value: string | undefined, field: string) => (value === undefined ? null : CeremonyBookingsService.parseTime(value, field));

@Controller()
export class CeremoniesHttpController {
  constructor(
    private readonly orders: SuspensionOrdersService,
    private readonly bookings: CeremonyBookingsService,
    private readonly incidents: FuneralIncidentsService,
  ) {}

  /** Suspends ceremonies (守灵 / 遗体告别 / 祭祀) in a region; bookings already made inside it are flagged. */
  @Post('ceremony-suspension-orders')
  @Roles(...COUNTY_AND_WIDER)
  issue(@Body() body: IssueSuspensionOrderRequest, @CurrentPrincipal() principal: Principal) {
    return this.orders.issue(
      {
        orderId: body.orderId,
        divisionCode: body.divisionCode,
        kinds: body.kinds,
        reason: body.reason,
        from: time(body.from, 'from'),
        until: time(body.until, 'until'),
      },
      principal,
    );
  }

  @Post('ceremony-suspension-orders/:orderId/lift')
  @HttpCode(200)
  @Roles(...COUNTY_AND_WIDER)
  lift(@Param('orderId') orderId: string, @CurrentPrincipal() principal: Principal) {
    return this.orders.lift(orderId, principal);
  }

  /** Orders that apply to a division (default: the caller's jurisdiction) or were issued inside it. */
  @Get('ceremony-suspension-orders')
  @Roles(...ORDER_READERS)
  list(@CurrentPrincipal() principal: Principal, @Query('divisionCode') divisionCode?: string) {
    if (divisionCode !== undefined && !/^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/.test(divisionCode))
      throw DomainError.invalid('InvalidDivisionCode', 'divisionCode must be a division code', { field: 'divisionCode' });
    return this.orders.list(divisionCode, principal);
  }

  @Get('ceremony-suspension-orders/:orderId')
  @Roles(...ORDER_READERS)
  get(@Param('orderId') orderId: string, @CurrentPrincipal() principal: Principal) {
    return this.orders.get(orderId, principal);
  }

  /** Books a ceremony at a home; 409 CeremonySuspended naming the order while one covers it. */
  @Post('funeral-homes/:homeId/ceremony-bookings')
  @Roles('unit-staff', ...COUNTY_AND_WIDER)
  book(@Param('homeId') homeId: string, @Body() body: BookCeremonyRequest, @CurrentPrincipal() principal: Principal) {
    return this.bookings.book(
      homeId,
      {
        kind: body.kind,
        startsAt: time(body.startsAt, 'startsAt')!,
        endsAt: time(body.endsAt, 'endsAt')!,
        hall: body.hall,
        caseId: body.caseId ?? null,
        familyContact: body.familyContact,
      },
      principal,
    );
  }

  @Get('funeral-homes/:homeId/ceremony-bookings')
  @Roles(...BOOKING_READERS)
  listBookings(@Param('homeId') homeId: string, @CurrentPrincipal() principal: Principal) {
    return this.bookings.list(homeId, principal);
  }

  /** An incident such as a tent funeral (搭棚治丧), where it happened. */
  @Post('funeral-incidents')
  @Roles(...INCIDENT_RECORDERS)
  record(@Body() body: RecordIncidentRequest, @CurrentPrincipal() principal: Principal) {
    return this.incidents.record(
      {
        incidentId: body.incidentId,
        kind: body.kind,
        divisionCode: body.divisionCode,
        description: body.description,
        occurredAt: time(body.occurredAt, 'occurredAt'),
      },
      principal,
    );
  }

  @Post('funeral-incidents/:incidentId/resolution')
  @HttpCode(200)
  @Roles(...INCIDENT_RECORDERS)
  resolve(@Param('incidentId') incidentId: string, @Body() body: ResolveIncidentRequest, @CurrentPrincipal() principal: Principal) {
    return this.incidents.resolve(incidentId, body.resolution, principal);
  }

  @Get('funeral-incidents')
  @Roles(...INCIDENT_RECORDERS)
  listIncidents(@CurrentPrincipal() principal: Principal, @Query('status') status?: string) {
    if (status !== undefined && !(INCIDENT_STATUSES as readonly string[]).includes(status))
      throw DomainError.invalid('InvalidStatus', `status must be one of: ${INCIDENT_STATUSES.join(', ')}`, { field: 'status' });
    return this.incidents.list(status as IncidentStatus | undefined, principal);
  }

  @Get('funeral-incidents/:incidentId')
  @Roles(...INCIDENT_RECORDERS)
  getIncident(@Param('incidentId') incidentId: string, @CurrentPrincipal() principal: Principal) {
    return this.incidents.get(incidentId, principal);
  }
}
