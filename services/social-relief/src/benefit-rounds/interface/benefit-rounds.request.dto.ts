import { RELIEF_REGISTERS, ReliefRegister, ROUND_KINDS, RoundKind } from '@civil/contracts';
import { IsCalendarDate, IsDivisionCode } from '@civil/platform';
import { Type } from 'class-transformer';
import { UNITS_OF_ISSUE, UnitOfIssue } from '../domain/round';
import { ArrayUnique, IsArray, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';

export class CreateRoundRequest {
  /** Chosen by the officer, e.g. `voucher-2022-year-end`: lower-case letters, digits and hyphens. */
  @Matches(/^[a-z0-9][a-z0-9-]{1,62}$/, { message: 'roundId must be 2–63 lower-case letters, digits or hyphens' })
  roundId: string;

  @IsIn(ROUND_KINDS as unknown as string[], { message: `kind must be one of: ${ROUND_KINDS.join(', ')}` })
  kind: RoundKind;

  @IsString()
  @Length(1, 200, { message: 'title must be 1–200 characters' })
  title: string;

  /** Per beneficiary in fen (300 yuan = 30000); per bed in use for the bed subsidy (1000 yuan = 100000). */
  @IsInt({ message: 'amountFen must be a whole number of fen' })
  @Min(1, { message: 'amountFen must be positive' })
  @Max(100_000_000, { message: 'amountFen must be at most 1,000,000 yuan' })
  amountFen: number;

  /** Registers whose members are eligible; empty (or omitted) for the bed subsidy. */
  @IsOptional()
  @IsArray()
  @ArrayUnique({ message: 'registers must not repeat' })
  @IsIn(RELIEF_REGISTERS as unknown as string[], { each: true, message: `each register must be one of: ${RELIEF_REGISTERS.join(', ')}` })
  registers?: ReliefRegister[];

  /** Membership is judged at the end of this day (Beijing), e.g. 2022-12-31. */
  @IsCalendarDate({ shapeMessage: 'snapshotDate must be a date YYYY-MM-DD' })
  snapshotDate: string;

  /** Province (2), city (4) or county (6 digits). */
  @IsDivisionCode({
    levels: ['province', 'city', 'county'],
    shapeMessage: 'divisionCode must be a province (2), city (4) or county (6-digit) code',
  })
  divisionCode: string;

  /** person or household (one per household however many members are on the registers); default household for a kit round, person otherwise. */
  @IsOptional()
  @IsIn(UNITS_OF_ISSUE as unknown as string[], { message: `unitOfIssue must be one of: ${UNITS_OF_ISSUE.join(', ')}` })
  unitOfIssue?: UnitOfIssue;

  /** Bed subsidy only: the policy paid under, once per unit across all its rounds (default `bed-subsidy`). */
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9-]{1,62}$/, { message: 'policyId must be 2–63 lower-case letters, digits or hyphens' })
  policyId?: string;
}

export class EntitlementsQuery {
  @IsOptional()
  @IsDivisionCode({ shapeMessage: 'divisionCode must be a division code' })
  divisionCode?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'page must be a whole number' })
  @Min(1, { message: 'page starts at 1' })
  page?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'pageSize must be a whole number' })
  @Min(1, { message: 'pageSize must be 1–500' })
  @Max(500, { message: 'pageSize must be 1–500' })
  pageSize?: number;
}
