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
