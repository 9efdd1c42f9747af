import { IsCalendarDate } from '@civil/platform';
import { Type } from 'class-transformer';
import { IsDefined, IsInt, IsOptional, IsString, Length, Max, Min, ValidateNested } from 'class-validator';

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
  /** Days the protective equipment on hand lasts at the current use. */
  @Figure('ppeDaysOfCover') ppeDaysOfCover: number;
  @Figure('vaccinatedResidents') vaccinatedResidents: number;
  @Figure('vaccinatedStaff') vaccinatedStaff: number;

  /** Children in temporary care (临时照料) whose guardian is isolated or in hospital; units that hold none may leave it out. */
  @IsOptional()
  @IsInt({ message: 'childrenInTemporaryCare must be a whole number' })
  @Min(0, { message: 'childrenInTemporaryCare cannot be negative' })
  @Max(1_000_000)
  childrenInTemporaryCare?: number;
}

export class SubmitDailyReportRequest {
  /** The day reported on, in Beijing time (YYYY-MM-DD). */
  @IsCalendarDate({ shapeMessage: 'reportDate must be YYYY-MM-DD' })
  reportDate: string;

  @IsDefined({ message: 'counts must be given' })
  @ValidateNested()
  @Type(() => DailyReportCountsRequest)
  counts: DailyReportCountsRequest;
}

/** A correction: every figure as it should stand, and why. */
export class CorrectDailyReportRequest {
  @IsDefined({ message: 'counts must be given' })
  @ValidateNested()
  @Type(() => DailyReportCountsRequest)
  counts: DailyReportCountsRequest;

  @IsString({ message: 'reason must say why the report is corrected' })
  @Length(1, 500, { message: 'reason must be 1–500 characters' })
  reason: string;
}

export class GrantLockExceptionRequest {
  @IsString({ message: 'reason must be given' })
  @Length(1, 500, { message: 'reason must be 1–500 characters' })
  reason: string;

  /** Last day (Beijing) corrections are accepted under the exception; defaults to 2 days on. */
  @IsOptional()
  @IsCalendarDate({ shapeMessage: 'expiresOn must be YYYY-MM-DD' })
  expiresOn?: string;
}
