import { Body, Controller, Get, Param, Post, Put, Query } from '@nestjs/common';
import { DomainError, isDivisionCode } from '@civil/kernel';
import { CurrentPrincipal, Principal, Roles } from '@civil/platform';
import { ChecklistTemplatesService } from '../application/checklist-templates.service';
import { InspectionTeamsService } from '../application/inspection-teams.service';
import { CreateTeamRequest, ReviseChecklistRequest } from './inspections.request.dto';

export const ORGANISERS = ['county-officer', 'city-officer', 'province-officer', 'inspector', 'discipline-officer', 'admin'] as const;
export const READERS = [
  'unit-staff',
  'township-officer',
  'county-officer',
  'city-officer',
  'province-officer',
  'inspector',
  'discipline-officer',
  'admin',
] as const;

/** Inspection teams (督查组) and the checklists (检查清单) they inspect with. */
@Controller()
export class InspectionTeamsHttpController {
  constructor(
    private readonly teams: InspectionTeamsService,
    private readonly checklists: ChecklistTemplatesService,
  ) {}

  @Post('inspection-teams')
  @Roles(...ORGANISERS)
  create(@Body() body: CreateTeamRequest, @CurrentPrincipal() principal: Principal) {
    return this.teams.create(body, principal);
  }

  /** Teams of the caller's jurisdiction (none for unit staff). */
  @Get('inspection-teams')
  @Roles(...READERS)
  list(@CurrentPrincipal() principal: Principal) {
    return this.teams.list(principal);
  }

  @Get('inspection-teams/:teamId')
  @Roles(...READERS)
  get(@Param('teamId') teamId: string, @CurrentPrincipal() principal: Principal) {
    return this.teams.get(teamId, principal);
  }

  /** What is set that concerns the caller's region: every region's template (or the built-in default) per unit type and each region's own. */
  @Get('checklist-templates')
  @Roles(...READERS)
  allChecklists(@CurrentPrincipal() principal: Principal) {
    return this.checklists.list(principal);
  }

  /**
   * The checklist that applies in `divisionCode` (narrowest set wins; without it, every region's),
   * where it comes from, and every version it had (version 0 is the built-in default).
   */
  @Get('checklist-templates/:unitType')
  @Roles(...READERS)
  checklist(@Param('unitType') unitType: string, @Query('divisionCode') divisionCode?: string) {
    if (divisionCode !== undefined && !isDivisionCode(divisionCode)) {
      throw DomainError.invalid('InvalidQuery', 'divisionCode must be a division code (2, 4, 6, 9 or 12 digits)', {
        field: 'divisionCode',
      });
    }
    return this.checklists.applying(unitType, divisionCode ?? '');
  }

  /** A new version of a unit type's checklist for one region (or every region); inspections already started keep theirs. */
  @Put('checklist-templates/:unitType')
  @Roles('county-officer', 'city-officer', 'province-officer', 'admin', 'national-admin')
  revise(@Param('unitType') unitType: string, @Body() body: ReviseChecklistRequest, @CurrentPrincipal() principal: Principal) {
    return this.checklists.revise(unitType, body, principal);
  }
}
