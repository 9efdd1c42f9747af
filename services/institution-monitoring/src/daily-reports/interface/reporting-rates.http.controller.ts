import { Controller, Get, Query } from '@nestjs/common';
import { UNIT_TYPES, UnitType } from '@civil/contracts';
import { DomainError, isLocalDate } from '@civil/kernel';
import { CurrentPrincipal, isKnownDivisionCode, Principal, Roles } from '@civil/platform';
import { ReportingRatesService } from '../application/reporting-rates.service';

const OFFICERS = ['township-officer', 'county-officer', 'city-officer', 'province-officer', 'inspector', 'admin'] as const;

function parse(date: string | undefined, divisionCode: string | undefined, unitType: string | undefined, principal: Principal) {
  if (!date || !isLocalDate(date)) throw DomainError.invalid('InvalidDate', 'date must be given as YYYY-MM-DD', { field: 'date' });
  const division = divisionCode ?? principal.jurisdiction;
  if (!isKnownDivisionCode(division))
    throw DomainError.invalid(
      'InvalidDivisionCode',
      'divisionCode must be a 2/4/6/9/12-digit division code of the administrative division table',
      { field: 'divisionCode' },
    );
  if (unitType !== undefined && !(UNIT_TYPES as readonly string[]).includes(unitType)) {
    throw DomainError.invalid('InvalidUnitType', `unitType must be one of: ${UNIT_TYPES.join(', ')}`, { field: 'unitType' });
  }
  return { date, division, type: (unitType as UnitType | undefined) ?? null };
}

/** Reporting completeness (DHIS2's reporting rate / on-time rate) for officers. */
@Controller('reporting-rates')
export class ReportingRatesHttpController {
  constructor(private readonly service: ReportingRatesService) {}

  /** ?date=YYYY-MM-DD&divisionCode=(default: caller's jurisdiction)&unitType= */
  @Get()
  @Roles(...OFFICERS)
  rates(
    @CurrentPrincipal() principal: Principal,
    @Query('date') date?: string,
    @Query('divisionCode') divisionCode?: string,
    @Query('unitType') unitType?: string,
  ) {
    const q = parse(date, divisionCode, unitType, principal);
    return this.service.rates(q.date, q.division, q.type, principal);
  }

  /** The units behind the gap: expected but not reported. */
  @Get('not-reported')
  @Roles(...OFFICERS)
  notReported(
    @CurrentPrincipal() principal: Principal,
    @Query('date') date?: string,
    @Query('divisionCode') divisionCode?: string,
    @Query('unitType') unitType?: string,
  ) {
    const q = parse(date, divisionCode, unitType, principal);
    return this.service.notReported(q.date, q.division, q.type, principal);
  }
}
