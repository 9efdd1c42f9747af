import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { DomainError } from '@civil/kernel';
import { CurrentPrincipal, Principal, Roles } from '@civil/platform';
import { RegionalSettingsService } from '../application/regional-settings.service';
import { isSettingKey, SETTING_KEYS } from '../domain/regional-setting';
import { SetRegionalSettingRequest } from './set-regional-setting.request.dto';

@Controller('regional-settings')
export class RegionalSettingsHttpController {
  constructor(private readonly service: RegionalSettingsService) {}

  /** Sets one value for a region from a day on; the history is kept. */
  @Put(':key')
  @Roles('county-officer', 'city-officer', 'province-officer', 'admin')
  set(@Param('key') key: string, @Body() body: SetRegionalSettingRequest, @CurrentPrincipal() principal: Principal) {
    if (!isSettingKey(key)) throw DomainError.invalid('UnknownSetting', `key must be one of: ${SETTING_KEYS.join(', ')}`, { field: 'key' });
    return this.service.set(key, body.divisionCode, body.value, body.effectiveFrom, principal);
  }

  /** What applies to a division today (?divisionCode=), or every stored value with its history. */
  @Get()
  get(@CurrentPrincipal() principal: Principal, @Query('divisionCode') divisionCode?: string) {
    if (divisionCode === undefined) return this.service.list(principal);
    if (!/^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/.test(divisionCode)) throw DomainError.invalid('InvalidDivisionCode', 'divisionCode must be a division code', { field: 'divisionCode' });
    return this.service.effective(divisionCode, principal);
  }
}
