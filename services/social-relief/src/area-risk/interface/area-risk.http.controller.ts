import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { RISK_LEVELS, RISK_LEVEL_LABELS, RiskLevel } from '@civil/contracts';
import { DomainError, isDivisionCode } from '@civil/kernel';
import { assertCovers, CurrentPrincipal, Principal, Roles } from '@civil/platform';
import { IsIn, IsString, Length } from 'class-validator';
import { AreaRiskService } from '../application/area-risk.service';

export class SetAreaRiskRequest {
  @IsIn(RISK_LEVELS as unknown as string[], { message: `level must be one of: ${RISK_LEVELS.join(', ')}` })
  level: RiskLevel;

  /** The notice that sets it (e.g. 指挥部通告第12号). */
  @IsString()
  @Length(1, 500, { message: 'reason must be 1–500 characters' })
  reason: string;
}

@Controller('area-risk-levels')
export class AreaRiskHttpController {
  constructor(private readonly service: AreaRiskService) {}

  /** Sets an area's level (county officers and above); published as AreaRiskLevelChanged. */
  @Put(':divisionCode')
  @Roles('county-officer', 'city-officer', 'province-officer', 'admin')
  set(@Param('divisionCode') divisionCode: string, @Body() body: SetAreaRiskRequest, @CurrentPrincipal() principal: Principal) {
    if (!isDivisionCode(divisionCode)) throw DomainError.invalid('InvalidDivisionCode', 'divisionCode must be a division code', { field: 'divisionCode' });
    return this.service.set(divisionCode, body.level, body.reason, principal);
  }

  /** The level in force for ?divisionCode= (and where it comes from), or every stored level. */
  @Get()
  async get(@CurrentPrincipal() principal: Principal, @Query('divisionCode') divisionCode?: string) {
    if (divisionCode === undefined) return this.service.list(principal);
    if (!isDivisionCode(divisionCode)) throw DomainError.invalid('InvalidDivisionCode', 'divisionCode must be a division code', { field: 'divisionCode' });
    assertCovers(principal, divisionCode);
    const { level, from } = await this.service.levelAt(divisionCode);
    return { divisionCode, level, label: RISK_LEVEL_LABELS[level], from };
  }
}
