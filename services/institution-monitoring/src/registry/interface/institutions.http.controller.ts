import { Body, Controller, Get, Param, ParseIntPipe, Post, Query, DefaultValuePipe } from '@nestjs/common';
import { CurrentPrincipal, Principal, Roles } from '@civil/platform';
import { RegisterInstitutionService } from '../application/register-institution.service';
import { InstitutionRepository } from '../infrastructure/institution.repository';
import { RegisterInstitutionRequest } from './register-institution.request.dto';

@Controller('institutions')
export class InstitutionsHttpController {
  constructor(
    private readonly service: RegisterInstitutionService,
    private readonly institutions: InstitutionRepository,
  ) {}

  @Post()
  @Roles('county-officer', 'city-officer', 'province-officer', 'admin')
  register(@Body() body: RegisterInstitutionRequest, @CurrentPrincipal() principal: Principal) {
    return this.service.register(body, principal);
  }

  @Get(':unitId')
  get(@Param('unitId') unitId: string, @CurrentPrincipal() principal: Principal) {
    return this.service.get(unitId, principal);
  }

  /** Units inside the caller's jurisdiction (unit staff: their own unit). */
  @Get()
  async list(
    @CurrentPrincipal() principal: Principal,
    @Query('limit', new DefaultValuePipe(100), ParseIntPipe) limit: number,
    @Query('skip', new DefaultValuePipe(0), ParseIntPipe) skip: number,
  ) {
    if (principal.unitId && principal.roles.includes('unit-staff')) {
      return [await this.service.get(principal.unitId, principal)];
    }
    return this.institutions.list(principal.jurisdiction, Math.min(Math.max(limit, 1), 1000), Math.max(skip, 0));
  }
}
