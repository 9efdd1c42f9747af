import { HasNoIdentifiers, IsCalendarDate, IsDivisionCode } from '@civil/platform';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, Length, Matches, ValidateIf } from 'class-validator';
import { ISSUE_ORIGINS } from '../domain/rectification-issue';

const DIRECT_ORIGINS = ISSUE_ORIGINS.filter((o) => o !== 'inspection');

/** An issue found outside an inspection (e.g. from a complaint), opened directly. */
export class OpenIssueRequestDto {
  /** The unit the issue is about; omit or null for an office or a division. */
  @IsOptional() @Matches(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/, { message: 'unitId must be a unit id' }) unitId?: string | null;
  @IsDivisionCode({ shapeMessage: 'divisionCode must be a division code (2, 4, 6, 9 or 12 digits)' }) divisionCode: string;
  @IsString() @Length(1, 500, { message: 'summary must be 1–500 characters' }) @HasNoIdentifiers() summary: string;
  @Matches(/^[A-L]$/, { message: 'severity must be a scope/severity grid letter A–L' }) severity: string;
  /** A day that does not exist is refused by the issue itself (InvalidIssue, naming dueDate). */
  @IsCalendarDate({ dayCheckedByDomain: true, shapeMessage: 'dueDate must be a date (YYYY-MM-DD)' }) dueDate: string;
  /** Title of the bureau head the notice goes to, e.g. 德清县民政局局长 (a title, not a name). */
  @IsString()
  @Length(1, 100, { message: 'responsibleHead must be the title of the responsible bureau head (1–100 characters)' })
  @HasNoIdentifiers()
  responsibleHead: string;
  @IsOptional() @IsIn(DIRECT_ORIGINS, { message: `origin must be one of ${DIRECT_ORIGINS.join(', ')}` }) origin?: 'complaint' | 'other';
}

/** Evidence of rectification: what was done, and references to stored attachments. */
export class SubmitEvidenceRequestDto {
  @IsString() @Length(1, 2000, { message: 'description must be 1–2000 characters' }) @HasNoIdentifiers() description: string;
  @IsOptional()
  @IsArray({ message: 'attachments must be a list of attachment references' })
  @ArrayMaxSize(20, { message: 'attachments may hold at most 20 references' })
  @IsString({ each: true, message: 'attachments must be a list of attachment references' })
  @Length(1, 256, { each: true, message: 'each attachment reference must be 1–256 characters' })
  attachments?: string[];
}

/** The result of a verification revisit (复查). */
export class RecordRevisitRequestDto {
  @IsBoolean({ message: 'accepted must be true or false' }) accepted: boolean;
  /** Required when not accepted: why. */
  @ValidateIf((o: RecordRevisitRequestDto) => o.accepted === false || o.reason !== undefined)
  @IsString({ message: 'reason is required when the revisit does not accept the rectification' })
  @Length(1, 500, { message: 'reason must be 1–500 characters' })
  @HasNoIdentifiers()
  reason?: string;
  @IsOptional() @IsString() @Length(1, 1000, { message: 'note must be 1–1000 characters' }) @HasNoIdentifiers() note?: string;
}
