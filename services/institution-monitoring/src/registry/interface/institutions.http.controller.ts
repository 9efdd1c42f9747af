import { Body, Controller, DefaultValuePipe, Get, Param, ParseIntPipe, Patch, Post, Query } from '@nestjs/common';
import { UNIT_TYPES, UnitType } from '@civil/contracts';
import { DomainError } from '@civil/kernel';
import { CurrentPrincipal, isUnitScoped, Principal, Roles } from '@civil/platform';
import { RegistryService } from '../application/registry.service';
import { InstitutionRepository } from '../infrastructure/institution.repository';
import { RegisterInstitutionRequest, UpdateInstitutionRequest } from './register-institution.request.dto';

const STATUSES = ['open', 'closed', 'reopened'];

@Controller('institutions')
export class InstitutionsHttpController {
  constructor(
    private readonly service: RegistryService,
    private readonly institutions: InstitutionRepository,
  ) {}

  @Post()
  @Roles('county-officer', 'city-officer', 'province-officer', 'admin')
  register(@Body() body: RegisterInstitutionRequest, @CurrentPrincipal() principal: Principal) {
    return this.service.register(body, principal);
  }

  /** Edits registry fields; audited and published as InstitutionUpdated. */
  @Patch(':unitId')
  @Roles('township-officer', 'county-officer', 'city-officer', 'province-officer', 'admin')
  update(@Param('unitId') unitId: string, @Body() body: UpdateInstitutionRequest, @CurrentPrincipal() principal: Principal) {
    return this.service.update(unitId, body, principal);
  }

  @Get(':unitId')
  get(@Param('unitId') unitId: string, @CurrentPrincipal() principal: Principal) {
    return this.service.get(unitId, principal);
  }

  /** Who changed what and when (before / after), oldest first. */
  @Get(':unitId/audit')
  @Roles('township-officer', 'county-officer', 'city-officer', 'province-officer', 'inspector', 'admin')
  audit(@Param('unitId') unitId: string, @CurrentPrincipal() principal: Principal) {
    return this.service.auditTrail(unitId, principal);
  }

  /** Units inside the caller's jurisdiction (unit staff: their own unit). */
  @Get()
  async list(
    @CurrentPrincipal() principal: Principal,
    @Query('limit', new DefaultValuePipe(100), ParseIntPipe) limit: number,
    @Query('skip', new DefaultValuePipe(0), ParseIntPipe) skip: number,
    @Query('unitType') unitType?: string,
    @Query('status') status?: string,
  ) {
    if (unitType !== undefined && !(UNIT_TYPES as readonly string[]).includes(unitType)) {
      throw DomainError.invalid('InvalidUnitType', `unitType must be one of: ${UNIT_TYPES.join(', ')}`, { field: 'unitType' });
    }
    if (status !== undefined && !STATUSES.includes(status))
      throw DomainError.invalid('InvalidStatus', `status must be one of: ${STATUSES.join(', ')}`, { field: 'status' });
    if (principal.unitId && isUnitScoped(principal)) {
      return [await this.service.get(principal.unitId, principal)];
    }
    return this.institutions.list(principal.jurisdiction, Math.min(Math.max(limit, 1), 1000), Math.max(skip, 0), {
      unitType: unitType as UnitType | undefined,
      status,
    });
  }
}
