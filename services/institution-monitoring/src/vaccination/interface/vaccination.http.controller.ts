import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { CurrentPrincipal, Principal, Roles } from '@civil/platform';
import { ReadRegionCoverage } from '../application/read-region-coverage';
import { ReadUnitCoverage } from '../application/read-unit-coverage';
import { RecordCoverage } from '../application/record-coverage';
import { RecordVaccinationRequest } from './vaccination.request.dto';

const WRITERS = ['unit-staff', 'township-officer', 'county-officer', 'city-officer', 'province-officer', 'admin'] as const;
const READERS = [...WRITERS, 'inspector', 'discipline-officer'] as const;
const REGION_READERS = [
  'township-officer',
  'county-officer',
  'city-officer',
  'province-officer',
  'inspector',
  'discipline-officer',
  'admin',
] as const;

/** Vaccination coverage (疫苗接种) of residents and staff against the 91.2% floor. */
@Controller()
export class VaccinationHttpController {
  constructor(
    private readonly recordCoverage: RecordCoverage,
    private readonly readUnitCoverage: ReadUnitCoverage,
    private readonly readRegionCoverage: ReadRegionCoverage,
  ) {}

  /** Records the unit's eligible and vaccinated counts of both groups. */
  @Put('institutions/:unitId/vaccination')
  @Roles(...WRITERS)
  record(@Param('unitId') unitId: string, @Body() body: RecordVaccinationRequest, @CurrentPrincipal() principal: Principal) {
    const counts = (g: RecordVaccinationRequest['residents']) => ({ eligible: g.eligible, vaccinated: g.vaccinated });
    return this.recordCoverage.execute(unitId, { residents: counts(body.residents), staff: counts(body.staff) }, principal);
  }

  @Get('institutions/:unitId/vaccination')
  @Roles(...READERS)
  unit(@Param('unitId') unitId: string, @CurrentPrincipal() principal: Principal) {
    return this.readUnitCoverage.execute(unitId, principal);
  }

  /** Coverage per group over a division (default: the caller's), drillable to its units. */
  @Get('vaccination-coverage')
  @Roles(...REGION_READERS)
  region(@CurrentPrincipal() principal: Principal, @Query('divisionCode') divisionCode?: string, @Query('unitType') unitType?: string) {
    return this.readRegionCoverage.execute(divisionCode || undefined, unitType || undefined, principal);
  }
}
