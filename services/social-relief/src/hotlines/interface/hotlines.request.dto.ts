import { IsCalendarDate, IsDivisionCode, IsInstant } from '@civil/platform';
import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min, ValidateIf, ValidateNested } from 'class-validator';
import { SubmitApplicationRequest } from '../../applications/interface/applications.request.dto';
import {
  CALL_STATUSES,
  CALL_URGENCIES,
  CallStatus,
  CallUrgency,
  CLOSURE_REASONS,
  ClosureReason,
  Hotline,
  HOTLINES,
  NEED_CATEGORIES,
  NeedCategory,
  ROUTE_TARGETS,
  RouteTarget,
} from '../domain/hotline-call';

const ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/;
const oneOf = (name: string, values: readonly string[]) => ({ message: `${name} must be one of: ${values.join(', ')}` });

/** The caller, if they give a name or phone: kept encrypted, shown masked, never published. */
export class CallerRequest {
  @IsOptional()
  @IsString({ message: 'name must be text' })
  @Length(1, 50, { message: 'name must be 1–50 characters' })
  name?: string;

  @IsOptional()
  @Matches(/^(1\d{10}|0\d{2,3}-?\d{7,8})$/, { message: 'phone must be a mainland mobile (11 digits) or landline number' })
  phone?: string;
}

export class RecordCallRequest {
  @IsIn(HOTLINES as unknown as string[], oneOf('line', HOTLINES))
  line: Hotline;

  /** The division operating the line: a county (6), city (4) or province (2). */
  @IsDivisionCode({ levels: ['province', 'city', 'county'], shapeMessage: 'lineDivisionCode must be a province, city or county code' })
  lineDivisionCode: string;

  /** Where the caller lives or the need is: within the line's division. */
  @IsDivisionCode({ shapeMessage: 'callerDivisionCode must be a division code' })
  callerDivisionCode: string;

  @IsIn(NEED_CATEGORIES as unknown as string[], oneOf('category', NEED_CATEGORIES))
  category: NeedCategory;

  @IsIn(CALL_URGENCIES as unknown as string[], oneOf('urgency', CALL_URGENCIES))
  urgency: CallUrgency;

  /** When the call came in (default now; at most 7 days ago). */
  @IsOptional()
  @IsInstant({ toDate: true })
  receivedAt?: Date;

  /** What the caller asked for (kept with the call, never published). */
  @IsOptional()
  @IsString({ message: 'summary must be text' })
  @Length(0, 1000, { message: 'summary must be at most 1000 characters' })
  summary?: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => CallerRequest)
  caller?: CallerRequest;
}

export class RouteCallRequest {
  @IsIn(ROUTE_TARGETS as unknown as string[], oneOf('target', ROUTE_TARGETS))
  target: RouteTarget;

  /** key-person-visit: the township whose list holds the entry. */
  @ValidateIfTarget('key-person-visit')
  @Matches(/^\d{9}$/, { message: 'townshipCode must be a 9-digit township (乡镇/街道) code' })
  townshipCode?: string;

  /** key-person-visit: the list entry to visit. */
  @ValidateIfTarget('key-person-visit')
  @Matches(ID, { message: 'entryId must be 1–128 letters, digits, or . _ : -' })
  entryId?: string;

  /** relief-application: the application to start, as POST /applications takes it. */
  @ValidateIfTarget('relief-application')
  @IsDefined({ message: 'application is required to route to a relief application' })
  @ValidateNested()
  @Type(() => SubmitApplicationRequest)
  application?: SubmitApplicationRequest;

  /** referral: the agency referred to (e.g. 县医保局). */
  @ValidateIfTarget('referral')
  @IsString({ message: 'agency must be text' })
  @Length(1, 100, { message: 'agency must be 1–100 characters' })
  agency?: string;

  /** referral: what was referred. */
  @ValidateIfTarget('referral')
  @IsString({ message: 'note must be text' })
  @Length(1, 500, { message: 'note must be 1–500 characters' })
  note?: string;
}

function ValidateIfTarget(target: RouteTarget): PropertyDecorator {
  return ValidateIf((o: RouteCallRequest) => o.target === target);
}

export class AnswerCallRequest {
  /** What the caller was told. */
  @IsString({ message: 'reply must be text' })
  @Length(1, 1000, { message: 'reply must be 1–1000 characters' })
  reply: string;
}

export class CloseCallRequest {
  @IsIn(CLOSURE_REASONS as unknown as string[], oneOf('reason', CLOSURE_REASONS))
  reason: ClosureReason;
}

export class ListCallsQuery {
  @IsOptional()
  @IsIn(HOTLINES as unknown as string[], oneOf('line', HOTLINES))
  line?: Hotline;

  @IsOptional()
  @IsIn(CALL_STATUSES as unknown as string[], oneOf('status', CALL_STATUSES))
  status?: CallStatus;

  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1, { message: 'limit must be at least 1' })
  @Max(500, { message: 'limit must be at most 500' })
  limit?: number;
}

export class FiguresQuery {
  @IsDivisionCode({ shapeMessage: 'divisionCode must be a division code' })
  divisionCode: string;

  @IsCalendarDate()
  from: string;

  @IsCalendarDate()
  to: string;
}
