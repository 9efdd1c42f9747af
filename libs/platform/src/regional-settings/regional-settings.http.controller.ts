import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { IsNumber, IsOptional } from 'class-validator';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import { Principal } from '../auth/principal.model';
import { IsCalendarDate } from '../input/calendar.validator';
import { DivisionCodePipe, IsDivisionCode } from '../input/division-code.validator';
import { RegionalSettingsService } from './regional-settings.service';

export class SetRegionalSettingRequest {
  @IsDivisionCode({
    levels: ['province', 'city', 'county', 'township'],
    shapeMessage: 'divisionCode must be a province, city, county or township code',
  })
  divisionCode: string;

  @IsNumber({}, { message: 'value must be a number' })
  value: number;

  /** First day it applies (Beijing); defaults to today. A day that does not exist is refused by the setting itself (InvalidDate). */
  @IsOptional()
  @IsCalendarDate({ dayCheckedByDomain: true, shapeMessage: 'effectiveFrom must be YYYY-MM-DD' })
  effectiveFrom?: string;
}

@Controller('regional-settings')
export class RegionalSettingsHttpController {
  constructor(private readonly service: RegionalSettingsService) {}

  /** Sets one value for a region from a day on (inside the caller's jurisdiction; national-admin: any region); the history is kept. */
  @Put(':key')
  @Roles('county-officer', 'city-officer', 'province-officer', 'admin', 'national-admin')
  set(@Param('key') key: string, @Body() body: SetRegionalSettingRequest, @CurrentPrincipal() principal: Principal) {
    return this.service.set(key, body.divisionCode, body.value, body.effectiveFrom, principal);
  }

  /** What applies to a division today (?divisionCode=), or every stored value with its history. */
  @Get()
  get(
    @CurrentPrincipal() principal: Principal,
    @Query('divisionCode', new DivisionCodePipe('divisionCode', { optional: true, shapeMessage: 'divisionCode must be a division code' }))
    divisionCode?: string,
  ) {
    if (divisionCode === undefined) return this.service.list(principal);
    return this.service.effective(divisionCode, principal);
  }
}
