import { Type } from 'class-transformer';
import { IsDefined, IsInt, Matches, Max, Min, ValidateNested } from 'class-validator';

const figure = (what: string) => [
  IsDefined({ message: `${what} must be reported; send 0 when there is none (零报告)` }),
  IsInt({ message: `${what} must be a whole number` }),
  Min(0, { message: `${what} cannot be negative` }),
  Max(1_000_000),
];

function Figure(what: string): PropertyDecorator {
  return (target, key) => figure(what).forEach((d) => d(target, key));
}

/** The figures of the day. Every one is required: blank is not zero. */
export class DailyReportCountsRequest {
  @Figure('residents') residents: number;
  @Figure('staffOnDuty') staffOnDuty: number;
  @Figure('newAdmissions') newAdmissions: number;
  @Figure('temperatureAnomalies') temperatureAnomalies: number;
  @Figure('suspected') suspected: number;
  @Figure('confirmed') confirmed: number;
  @Figure('isolated') isolated: number;
  @Figure('transferred') transferred: number;
  @Figure('deaths') deaths: number;
}

export class SubmitDailyReportRequest {
  /** The day reported on, in Beijing time (YYYY-MM-DD). */
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'reportDate must be YYYY-MM-DD' })
  reportDate: string;

  @IsDefined({ message: 'counts must be given' })
  @ValidateNested()
  @Type(() => DailyReportCountsRequest)
  counts: DailyReportCountsRequest;
}
