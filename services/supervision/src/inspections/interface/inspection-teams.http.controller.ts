import { Body, Controller, Get, Param, Post, Put } from '@nestjs/common';
import { CurrentPrincipal, Principal, Roles } from '@civil/platform';
import { ChecklistTemplatesService } from '../application/checklist-templates.service';
import { InspectionTeamsService } from '../application/inspection-teams.service';
import { CreateTeamRequest, ReviseChecklistRequest } from './inspections.request.dto';

export const ORGANISERS = ['county-officer', 'city-officer', 'province-officer', 'inspector', 'discipline-officer', 'admin'] as const;
export const READERS = ['unit-staff', 'township-officer', 'county-officer', 'city-officer', 'province-officer', 'inspector', 'discipline-officer', 'admin'] as const;

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

  /** The checklist in force for each unit type. */
  @Get('checklist-templates')
  @Roles(...READERS)
  allChecklists() {
    return this.checklists.all();
  }

  /** One unit type's checklist with every version it had (version 0 is the built-in default). */
  @Get('checklist-templates/:unitType')
  @Roles(...READERS)
  checklist(@Param('unitType') unitType: string) {
    return this.checklists.template(unitType);
  }

  /** A new version of a unit type's checklist; inspections already started keep theirs. */
  @Put('checklist-templates/:unitType')
  @Roles('province-officer', 'admin')
  revise(@Param('unitType') unitType: string, @Body() body: ReviseChecklistRequest, @CurrentPrincipal() principal: Principal) {
    return this.checklists.revise(unitType, body.items, principal);
  }
}
