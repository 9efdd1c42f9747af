import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { RISK_LEVELS, RISK_LEVEL_LABELS, RiskLevel } from '@civil/contracts';
import { assertCovers, CurrentPrincipal, DivisionCodePipe, Principal, Roles } from '@civil/platform';
import { IsIn, IsString, Length } from 'class-validator';
import { AreaRiskLevels } from '../application/area-risk-levels';
import { ListAreaRisks } from '../application/list-area-risks';
import { SetAreaRisk } from '../application/set-area-risk';

export class SetAreaRiskRequest {
  @IsIn(RISK_LEVELS as unknown as string[], { message: `level must be one of: ${RISK_LEVELS.join(', ')}` })
  level: RiskLevel;

  /** The notice that sets it (e.g. 指挥部通告第12号). */
  @IsString()
  @Length(1, 500, { message: 'reason must be 1–500 characters' })
  reason: string;
}

/** A division of the administrative division table (or EXTRA_DIVISION_CODES). */
const DIVISION = new DivisionCodePipe('divisionCode', {
  errorCode: 'InvalidDivisionCode',
  shapeMessage: 'divisionCode must be a division code',
});
const OPTIONAL_DIVISION = new DivisionCodePipe('divisionCode', {
  optional: true,
  errorCode: 'InvalidDivisionCode',
  shapeMessage: 'divisionCode must be a division code',
});

@Controller('area-risk-levels')
export class AreaRiskHttpController {
  constructor(
    private readonly setAreaRisk: SetAreaRisk,
    private readonly listAreaRisks: ListAreaRisks,
    private readonly levels: AreaRiskLevels,
  ) {}

  /** Sets an area's level (county officers and above); published as AreaRiskLevelChanged. */
  @Put(':divisionCode')
  @Roles('county-officer', 'city-officer', 'province-officer', 'admin')
  set(@Param('divisionCode', DIVISION) divisionCode: string, @Body() body: SetAreaRiskRequest, @CurrentPrincipal() principal: Principal) {
    return this.setAreaRisk.execute(divisionCode, body.level, body.reason, principal);
  }

  /** The level in force for ?divisionCode= (and where it comes from), or every stored level. */
  @Get()
  async get(@CurrentPrincipal() principal: Principal, @Query('divisionCode', OPTIONAL_DIVISION) divisionCode?: string) {
    if (divisionCode === undefined) return this.listAreaRisks.execute(principal);
    assertCovers(principal, divisionCode);
    const { level, from } = await this.levels.levelAt(divisionCode);
    return { divisionCode, level, label: RISK_LEVEL_LABELS[level], from };
  }
}
