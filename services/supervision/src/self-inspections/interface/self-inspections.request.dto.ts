import { SELF_INSPECTION_OUTCOMES, SelfInspectionOutcome } from '@civil/contracts';
import { HasNoIdentifiers } from '@civil/platform';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';

export class ReportSelfInspectionRequest {
  @IsIn(SELF_INSPECTION_OUTCOMES as unknown as string[], { message: `outcome must be one of: ${SELF_INSPECTION_OUTCOMES.join(', ')}` })
  outcome: SelfInspectionOutcome;
  /** What was found and how it was put right (required unless nothing was found); no personal data. */
  @IsOptional() @IsString() @Length(1, 500, { message: 'note must be 1–500 characters' }) @HasNoIdentifiers() note?: string;
}
