import { CARE_CAUSES, CareCause, KEY_PERSON_CATEGORIES, KeyPersonCategory, RISK_FLAGS, RiskFlag } from '@civil/contracts';
import { IsCalendarDate, IsDivisionCode, IsInstant } from '@civil/platform';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  Length,
  Matches,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { VISIT_MODES, VisitMode } from '../domain/key-person-entry';

const PHONE = /^(1\d{10}|0\d{2,3}-?\d{7,8})$/;
const CATEGORY_MESSAGE = `each of categories must be one of: ${KEY_PERSON_CATEGORIES.join(', ')}`;
const FLAG_MESSAGE = `must be one of: ${RISK_FLAGS.join(', ')}`;

/** A guardian (监护人) or contact person: kept encrypted, shown masked. */
export class ContactRequest {
  @IsString()
  @Length(1, 50, { message: 'name must be 1–50 characters' })
  name: string;

  @IsOptional()
  @Matches(PHONE, { message: 'phone must be a mainland mobile (11 digits) or landline number' })
  phone?: string;

  /** How they relate to the person, e.g. 父亲, 祖母, 村网格员. */
  @IsString()
  @Length(1, 20, { message: 'relation must be 1–20 characters' })
  relation: string;
}

/** Guardian, contact and notes: optional when adding an entry and when changing one (null removes). */
class EntryDetailsRequest {
  @IsOptional()
  @ValidateNested()
  @Type(() => ContactRequest)
  guardian?: ContactRequest | null;

  @IsOptional()
  @ValidateNested()
  @Type(() => ContactRequest)
  contact?: ContactRequest | null;

  @IsOptional()
  @IsString()
  @Length(0, 1000, { message: 'notes must be at most 1000 characters' })
  notes?: string | null;
}

export class AddEntryRequest extends EntryDetailsRequest {
  @IsString()
  @Length(1, 50, { message: 'name must be 1–50 characters' })
  name: string;

  /** Resident ID number (居民身份证号), 18 characters or the old 15-digit form; checked (GB 11643). */
  @IsString({ message: 'idNumber must be a string' })
  idNumber: string;

  @IsOptional()
  @Matches(PHONE, { message: 'phone must be a mainland mobile (11 digits) or landline number' })
  phone?: string;

  /** The village (12 digits) of the township where the person lives; the township if absent. */
  @IsOptional()
  @IsDivisionCode({ levels: ['village'], shapeMessage: 'villageCode must be a 12-digit village code' })
  villageCode?: string;

  @IsArray({ message: 'categories must be a list' })
  @ArrayMinSize(1, { message: 'categories must name at least one category' })
  @IsIn(KEY_PERSON_CATEGORIES as unknown as string[], { each: true, message: CATEGORY_MESSAGE })
  categories: KeyPersonCategory[];

  @IsOptional()
  @IsArray({ message: 'riskFlags must be a list' })
  @IsIn(RISK_FLAGS as unknown as string[], { each: true, message: `each of riskFlags ${FLAG_MESSAGE}` })
  riskFlags?: RiskFlag[];

  /** What was found (published with the flags: no names, ID or phone numbers); required with riskFlags. */
  @ValidateIf((o: AddEntryRequest) => (o.riskFlags?.length ?? 0) > 0 || o.finding !== undefined)
  @IsString({ message: 'finding is required with riskFlags' })
  @Length(1, 500, { message: 'finding must be 1–500 characters' })
  finding?: string;

  /** With no-guardian on a child: why the child is without care (a care placement opens). */
  @IsOptional()
  @IsIn(CARE_CAUSES as unknown as string[], { message: `cause must be one of: ${CARE_CAUSES.join(', ')}` })
  cause?: CareCause;
}

/** Changes to an entry: absent fields stay as they are; null removes guardian, contact or notes. */
export class UpdateEntryRequest extends EntryDetailsRequest {
  @IsOptional()
  @IsArray({ message: 'categories must be a list' })
  @ArrayMinSize(1, { message: 'categories must name at least one category' })
  @IsIn(KEY_PERSON_CATEGORIES as unknown as string[], { each: true, message: CATEGORY_MESSAGE })
  categories?: KeyPersonCategory[];
}

export class RecordVisitRequest {
  /** When the visit took place (ISO 8601 with offset); now if absent; never in the future. */
  @IsOptional()
  @IsInstant({ notInFuture: true, shapeMessage: 'visitedAt must be an ISO 8601 date-time' })
  @Matches(/T/, { message: 'visitedAt must include a time' })
  visitedAt?: string;

  @IsIn(VISIT_MODES as unknown as string[], { message: `mode must be one of: ${VISIT_MODES.join(', ')}` })
  mode: VisitMode;

  /** What the cadre found; published with any flag raised (no names, ID or phone numbers then). */
  @IsString()
  @Length(1, 500, { message: 'findings must be 1–500 characters' })
  findings: string;

  @IsOptional()
  @IsArray({ message: 'flags must be a list' })
  @ArrayMaxSize(RISK_FLAGS.length)
  @IsIn(RISK_FLAGS as unknown as string[], { each: true, message: `each of flags ${FLAG_MESSAGE}` })
  flags?: RiskFlag[];

  /** The social organisation, social worker or volunteer (GET /volunteers) who made the visit; the cadre if absent. */
  @IsOptional()
  @IsString()
  @Length(1, 128, { message: 'volunteerId must be 1–128 characters' })
  volunteerId?: string;

  /** With no-guardian on a child: why the child is without care (a care placement opens). */
  @IsOptional()
  @IsIn(CARE_CAUSES as unknown as string[], { message: `cause must be one of: ${CARE_CAUSES.join(', ')}` })
  cause?: CareCause;
}

export class VisitFiguresQuery {
  /** First Beijing day counted (YYYY-MM-DD). */
  @IsCalendarDate({ shapeMessage: 'from must be a date YYYY-MM-DD' })
  from: string;

  /** Last Beijing day counted (YYYY-MM-DD). */
  @IsCalendarDate({ shapeMessage: 'to must be a date YYYY-MM-DD' })
  to: string;
}

export class RaiseFlagRequest {
  @IsIn(RISK_FLAGS as unknown as string[], { message: `flag ${FLAG_MESSAGE}` })
  flag: RiskFlag;

  /** Published with the flag: no names, ID or phone numbers. */
  @IsString()
  @Length(1, 500, { message: 'finding must be 1–500 characters' })
  finding: string;

  /** With no-guardian on a child: why the child is without care (a care placement opens). */
  @IsOptional()
  @IsIn(CARE_CAUSES as unknown as string[], { message: `cause must be one of: ${CARE_CAUSES.join(', ')}` })
  cause?: CareCause;
}

export class ClearFlagRequest {
  @IsOptional()
  @IsString()
  @Length(1, 500, { message: 'reason must be 1–500 characters' })
  reason?: string;
}

export class CloseEntryRequest {
  /** Why the person leaves the list, e.g. 迁出本乡镇, 已入住养老机构, 已成年. */
  @IsString()
  @Length(1, 500, { message: 'reason must be 1–500 characters' })
  reason: string;
}
