import { CASE_LEVELS, CaseLevel } from '@civil/contracts';
import { IsDivisionCode } from '@civil/platform';
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

  /** Urgent kinds: the level told at once when a case opens (放宽上报程序); null: none. */
  @IsOptional()
  @IsIn(CASE_LEVELS as unknown as string[], { message: `reportAtOnceTo must be one of: ${CASE_LEVELS.join(', ')}` })
  reportAtOnceTo?: CaseLevel | null;

  /** The region the ladder is for (and everything under it); omit for every region. */
  @IsOptional()
  @IsDivisionCode({ shapeMessage: 'divisionCode must be a division code (2, 4, 6, 9 or 12 digits)' })
  divisionCode?: string;
}
