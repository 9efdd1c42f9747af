import { CASE_LEVELS, CaseLevel } from '@civil/contracts';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, Max, Min, ValidateNested } from 'class-validator';

export class LadderRungRequest {
  @IsIn(CASE_LEVELS as unknown as string[], { message: `level must be one of: ${CASE_LEVELS.join(', ')}` })
  level: CaseLevel;

  /** Minutes this level has before the case climbs; omit on the top rung. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(60 * 24 * 90)
  minutesToResolve?: number;
}

export class SetEscalationLadderRequest {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(4)
  @ValidateNested({ each: true })
  @Type(() => LadderRungRequest)
  rungs: LadderRungRequest[];
}
