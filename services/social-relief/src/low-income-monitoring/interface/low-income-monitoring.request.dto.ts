import {
  APPLICATION_KINDS,
  ApplicationKind,
  LOW_INCOME_CHECK_FINDINGS,
  LOW_INCOME_WARNING_KINDS,
  LowIncomeCheckFinding,
} from '@civil/contracts';
import type { LowIncomeWarningKind } from '@civil/contracts';
import { IsDivisionCode, IsInstant } from '@civil/platform';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDefined,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { EXPEDITED_REASONS, ExpeditedReason } from '../../applications/domain/application-labels';

const ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/;
const IMPORTED_KINDS = LOW_INCOME_WARNING_KINDS.filter((k) => k !== 'annual-review');
const MAX_FEN = 1_000_000_000;

/** One record of a department's monthly comparison (每月数据比对). */
export class WarningRecordRequest {
  /** The department whose data found it: medical-insurance, disabled-persons-federation, human-resources, public-security … */
  @Matches(/^[a-z][a-z0-9-]{1,63}$/, { message: 'source must be 2–64 lower-case letters, digits or -' })
  source: string;

  /** The record's id in that source: importing it again changes nothing. */
  @Matches(ID, { message: 'sourceRecordId must be 1–128 letters, digits, or . _ : -' })
  sourceRecordId: string;

  @IsIn(IMPORTED_KINDS, { message: `kind must be one of: ${IMPORTED_KINDS.join(', ')}` })
  kind: Exclude<LowIncomeWarningKind, 'annual-review'>;

  /** Where the household lives: the township (9 digits) or village (12) that checks. */
  @IsDivisionCode({ levels: ['township', 'village'], shapeMessage: 'divisionCode must be a township (9) or village (12-digit) code' })
  divisionCode: string;

  /** Exactly one of householdId, personId, idNumber. */
  @IsOptional()
  @Matches(ID, { message: 'householdId must be 1–128 letters, digits, or . _ : -' })
  householdId?: string;

  @IsOptional()
  @Matches(ID, { message: 'personId must be 1–128 letters, digits, or . _ : -' })
  personId?: string;

  /** Resident ID number (居民身份证号) as the comparison found it; never stored on the warning. */
  @IsOptional()
  @IsString({ message: 'idNumber must be a string' })
  @Length(15, 18, { message: 'idNumber must be 15 or 18 characters' })
  idNumber?: string;

  /** The comparison's month (YYYY-MM) or day. */
  @IsOptional()
  @Matches(/^\d{4}-\d{2}(-\d{2})?$/, { message: 'comparedOn must be YYYY-MM or YYYY-MM-DD' })
  comparedOn?: string;
}

export class ImportWarningsRequest {
  @IsArray({ message: 'records must be a list' })
  @ArrayMinSize(1, { message: 'records must hold at least one record' })
  @ArrayMaxSize(1000, { message: 'records may hold at most 1,000 records per batch' })
  @ValidateNested({ each: true })
  @Type(() => WarningRecordRequest)
  records: WarningRecordRequest[];
}

/** The application a needs-assistance check starts. */
export class ApplicationStartRequest {
  @IsIn(APPLICATION_KINDS as unknown as string[], { message: `kind must be one of: ${APPLICATION_KINDS.join(', ')}` })
  kind: ApplicationKind;

  /** Defaults to the warning's person (a household of one); for a household, a member. */
  @IsOptional()
  @Matches(ID, { message: 'applicantId must be 1–128 letters, digits, or . _ : -' })
  applicantId?: string;

  /** Defaults to the warning's household for the household kinds. */
  @IsOptional()
  @Matches(ID, { message: 'householdId must be 1–128 letters, digits, or . _ : -' })
  householdId?: string;

  @IsOptional()
  @IsIn(EXPEDITED_REASONS as unknown as string[], { message: `expeditedReason must be one of: ${EXPEDITED_REASONS.join(', ')}` })
  expeditedReason?: ExpeditedReason;

  @IsOptional()
  @IsInt({ message: 'requestedAmountFen must be a whole number of fen' })
  @Min(1, { message: 'requestedAmountFen must be positive' })
  @Max(MAX_FEN, { message: `requestedAmountFen must be at most ${MAX_FEN}` })
  requestedAmountFen?: number;
}

export class FileCheckRequest {
  @IsIn(LOW_INCOME_CHECK_FINDINGS as unknown as string[], { message: `finding must be one of: ${LOW_INCOME_CHECK_FINDINGS.join(', ')}` })
  finding: LowIncomeCheckFinding;

  /** When the home check was made (default now). */
  @IsOptional()
  @IsInstant({ notInFuture: true, shapeMessage: 'checkedAt must be an ISO 8601 date-time' })
  @Matches(/T/, { message: 'checkedAt must include a time' })
  checkedAt?: string;

  @IsOptional()
  @IsString({ message: 'note must be text' })
  @Length(1, 1000, { message: 'note must be 1–1000 characters' })
  note?: string;

  /** Required for not-eligible (登记备案). */
  @IsOptional()
  @IsString({ message: 'reason must be text' })
  @Length(1, 500, { message: 'reason must be 1–500 characters' })
  reason?: string;

  /** Required for needs-assistance. */
  @IsOptional()
  @IsDefined()
  @ValidateNested()
  @Type(() => ApplicationStartRequest)
  application?: ApplicationStartRequest;
}

export class ListWarningsQuery {
  @IsOptional()
  @IsIn(['pending', 'checked'], { message: 'status must be pending or checked' })
  status?: 'pending' | 'checked';

  @IsOptional()
  @IsIn(LOW_INCOME_WARNING_KINDS as unknown as string[], { message: `kind must be one of: ${LOW_INCOME_WARNING_KINDS.join(', ')}` })
  kind?: string;

  @IsOptional()
  @Type(() => Number)
  @IsIn([1, 2, 3], { message: 'level must be 1, 2 or 3' })
  level?: number;

  /** true: only unchecked past their limit; false: only the others. */
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'overdue must be true or false' })
  overdue?: 'true' | 'false';

  @IsOptional()
  @Matches(ID, { message: 'campaignId must be 1–128 letters, digits, or . _ : -' })
  campaignId?: string;

  @IsOptional()
  @IsDivisionCode({ shapeMessage: 'divisionCode must be a division code' })
  divisionCode?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1, { message: 'limit must be at least 1' })
  @Max(500, { message: 'limit must be at most 500' })
  limit?: number;
}

export class OpenCampaignRequest {
  @Matches(ID, { message: 'campaignId must be 1–128 letters, digits, or . _ : -' })
  campaignId: string;

  @IsInt({ message: 'year must be a whole number' })
  @Min(2000, { message: 'year must be 2000 or later' })
  @Max(2100, { message: 'year must be 2100 or earlier' })
  year: number;

  /** The county (6 digits) or wider division the campaign covers. */
  @IsDivisionCode({ levels: ['province', 'city', 'county'], shapeMessage: 'divisionCode must be a county (6-digit) or wider code' })
  divisionCode: string;

  /** Registers are read as they stand at the end of this day (default today). */
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'snapshotDate must be YYYY-MM-DD' })
  snapshotDate?: string;
}
