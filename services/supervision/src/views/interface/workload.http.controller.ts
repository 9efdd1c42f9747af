import { Controller, Get, Query } from '@nestjs/common';
import { DomainError } from '@civil/kernel';
import { assertCovers, CurrentPrincipal, Principal, Roles } from '@civil/platform';
import { AccountabilityService } from '../../accountability/application/accountability.service';
import { CaseRepository } from '../../cases/infrastructure/case.repository';
import { InspectionCoverageService } from '../../inspections/application/inspection-coverage.service';
import { SummarizeIssues } from '../../rectification/application/summarize-issues';

const LEADERS = [
  'township-officer',
  'county-officer',
  'city-officer',
  'province-officer',
  'inspector',
  'discipline-officer',
  'admin',
] as const;

/**
 * The figures leaders publish and act on, for one region: units inspected of all (by type and by
 * the next level down), inspection rounds, open and overdue issues, cases and escalations per level,
 * accountability outcomes. Each part comes from the capability that owns it; `from` / `to`
 * (YYYY-MM-DD, Beijing days) narrow the inspection coverage to a period (a round, a month).
 */
@Controller('workload')
export class WorkloadHttpController {
  constructor(
    private readonly coverage: InspectionCoverageService,
    private readonly issues: SummarizeIssues,
    private readonly cases: CaseRepository,
    private readonly accountability: AccountabilityService,
  ) {}

  @Get()
  @Roles(...LEADERS)
  async workload(
    @CurrentPrincipal() principal: Principal,
    @Query('divisionCode') divisionCode?: string,
    @Query('unitType') unitType?: string,
    @Query('from') from?: string,
    @Query('to') to?: string,
  ) {
    if (divisionCode !== undefined && !/^\d{2,12}$/.test(divisionCode))
      throw DomainError.invalid('InvalidQuery', 'divisionCode must be 2–12 digits', { field: 'divisionCode' });
    if (divisionCode) assertCovers(principal, divisionCode);
    const region = divisionCode ?? principal.jurisdiction;
    const [inspections, issues, cases, accountability] = await Promise.all([
      this.coverage.coverage(principal, { divisionCode: region, unitType, from, to }),
      this.issues.execute(principal, { divisionCode: region }),
      this.cases.summary(region),
      this.accountability.summary(principal, { divisionCode: region }),
    ]);
    return { divisionCode: region, inspections, issues, cases, accountability };
  }
}
