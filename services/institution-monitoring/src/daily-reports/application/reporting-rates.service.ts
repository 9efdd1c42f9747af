import { Injectable } from '@nestjs/common';
import type { UnitType } from '@civil/contracts';
import { Clock } from '@civil/kernel';
import { assertCovers, InjectClock, Principal } from '@civil/platform';
import { InstitutionRepository } from '../../registry/infrastructure/institution.repository';
import { ReportingDeadlinesService } from '../../reporting-deadlines/application/reporting-deadlines.service';
import type { ReportingUnit } from '../domain/missed-reports';
import { expectedUnits, notReported, NotReported, ReportingRates, ReportingRatesTally } from '../domain/reporting-rates';
import { DailyReportRepository } from '../infrastructure/daily-report.repository';

/** Units read a page at a time. */
const PAGE = 1_000;

/** Reporting rates for a day and a region (any level) and optionally one unit type. */
@Injectable()
export class ReportingRatesService {
  constructor(
    private readonly institutions: InstitutionRepository,
    private readonly reports: DailyReportRepository,
    private readonly deadlines: ReportingDeadlinesService,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async rates(date: string, divisionCode: string, unitType: UnitType | null, by: Principal): Promise<ReportingRates> {
    const tally = new ReportingRatesTally({ date, divisionCode, unitType });
    for await (const { expected, filed } of this.pages(date, divisionCode, unitType, by)) tally.add(expected, filed);
    return tally.result();
  }

  async notReported(date: string, divisionCode: string, unitType: UnitType | null, by: Principal): Promise<NotReported[]> {
    const now = this.clock.now();
    const out: NotReported[] = [];
    for await (const { expected, filed, deadlineOf } of this.pages(date, divisionCode, unitType, by)) {
      out.push(...notReported(expected, filed, deadlineOf, now));
    }
    return out;
  }

  /** The region's units that owed a report on the day, with the reports filed for them, a page at a time. */
  private async *pages(date: string, divisionCode: string, unitType: UnitType | null, by: Principal) {
    assertCovers(by, divisionCode);
    const resolver = await this.deadlines.resolver();
    const deadlineOf = (u: ReportingUnit) => resolver.deadlineFor(u.divisionCode, u.unitType, date);
    for await (const units of this.institutions.activeReportingUnits(PAGE, {
      divisionCode,
      unitTypes: unitType ? [unitType] : undefined,
    })) {
      const expected = expectedUnits(units, deadlineOf);
      const filed = await this.reports.forUnitsOnDay(
        date,
        expected.map((u) => u.unitId),
      );
      yield { expected, filed, deadlineOf };
    }
  }
}
