import { HasNoIdentifiers } from '@civil/platform';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class ResolveCaseRequest {
  /** What was done, for the record (e.g. 已补做消杀并留档). */
  @IsString()
  @MinLength(2)
  @MaxLength(1000)
  @HasNoIdentifiers()
  note: string;
}

export class EscalateCaseRequest {
  /** Why it goes up now, for the people at the next level. */
  @IsString()
  @MinLength(2)
  @MaxLength(1000)
  @HasNoIdentifiers()
  reason: string;
}

export class ConfirmSuspicionRequest {
  /** What the verification found (e.g. 经核实，当日隔离2人未如实上报). */
  @IsString()
  @MinLength(2)
  @MaxLength(1000)
  @HasNoIdentifiers()
  note: string;
}

export class DismissSuspicionRequest {
  /** Why the suspicion does not hold (e.g. 台账录入有误，日报告属实). */
  @IsString()
  @MinLength(2)
  @MaxLength(1000)
  @HasNoIdentifiers()
  reason: string;
}
