import { Injectable } from '@nestjs/common';
import type { UnitType } from '@civil/contracts';
import { Clock } from '@civil/kernel';
import { assertCovers, InjectClock, Principal } from '@civil/platform';
import { UnitDirectory } from '../../registry/application/unit-directory';
import { ReportingDeadlinesService } from '../../reporting-deadlines/application/reporting-deadlines.service';
import type { ReportingUnit } from '../domain/missed-reports';
import { computeReportingRates, expectedUnits, notReported, NotReported, ReportingRates } from '../domain/reporting-rates';
import { DailyReportRepository } from '../infrastructure/daily-report.repository';

/** Reporting rates for a day and a region (any level) and optionally one unit type. */
@Injectable()
export class ReportingRatesService {
  constructor(
    private readonly units: UnitDirectory,
    private readonly reports: DailyReportRepository,
    private readonly deadlines: ReportingDeadlinesService,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async rates(date: string, divisionCode: string, unitType: UnitType | null, by: Principal): Promise<ReportingRates> {
    const { expected, filed } = await this.load(date, divisionCode, unitType, by);
    return computeReportingRates({ date, divisionCode, unitType }, expected, filed);
  }

  async notReported(date: string, divisionCode: string, unitType: UnitType | null, by: Principal): Promise<NotReported[]> {
    const { expected, filed, deadlineOf } = await this.load(date, divisionCode, unitType, by);
    return notReported(expected, filed, deadlineOf, this.clock.now());
  }

  private async load(date: string, divisionCode: string, unitType: UnitType | null, by: Principal) {
    assertCovers(by, divisionCode);
    const resolver = await this.deadlines.resolver();
    const deadlineOf = (u: ReportingUnit) => resolver.deadlineFor(u.divisionCode, u.unitType, date);
    const units = await this.units.inRegion(divisionCode, unitType ? [unitType] : undefined);
    const expected = expectedUnits(units, deadlineOf);
    const filed = await this.reports.forUnitsOnDay(
      date,
      expected.map((u) => u.unitId),
    );
    return { expected, filed, deadlineOf };
  }
}
