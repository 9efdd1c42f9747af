import { HasNoIdentifiers, IsCalendarDate, IsDivisionCode } from '@civil/platform';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsString, Length } from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class IssueDirectiveRequest {
  @Transform(trim)
  @IsString()
  @Length(1, 200, { message: 'title must be 1–200 characters' })
  @HasNoIdentifiers()
  title: string;

  /** The issuing office (e.g. 市民政局办公室), never a person. */
  @Transform(trim)
  @IsString()
  @Length(1, 100, { message: 'issuedBy must be 1–100 characters (the issuing office)' })
  @HasNoIdentifiers()
  issuedBy: string;

  /** Day D (Asia/Shanghai) the targets received it; a day that does not exist is refused by the issuing (InvalidDate). */
  @IsCalendarDate({ notInFuture: true, dayCheckedByDomain: true, shapeMessage: 'receivedOn must be a date (YYYY-MM-DD)' })
  receivedOn: string;

  @IsArray()
  @ArrayMinSize(1, { message: 'targets must list at least one division code' })
  @ArrayMaxSize(500)
  @IsDivisionCode({ shapeMessage: 'targets must be division codes (2, 4, 6, 9 or 12 digits)' }, { each: true })
  targets: string[];
}

export class FileImplementationRequest {
  @IsDivisionCode({ shapeMessage: 'divisionCode must be the target division code' })
  divisionCode: string;

  /** Reference number of the implementing document (文号). */
  @Transform(trim)
  @IsString()
  @Length(1, 100, { message: 'documentRef must be 1–100 characters (文号)' })
  documentRef: string;

  @Transform(trim)
  @IsString()
  @Length(1, 200, { message: 'title must be 1–200 characters' })
  @HasNoIdentifiers()
  title: string;
}

export class FileStatusReportRequest {
  @IsDivisionCode({ shapeMessage: 'divisionCode must be the target division code' })
  divisionCode: string;

  /** How it was implemented, without personal data. */
  @Transform(trim)
  @IsString()
  @Length(1, 2000, { message: 'summary must be 1–2000 characters' })
  @HasNoIdentifiers()
  summary: string;
}
