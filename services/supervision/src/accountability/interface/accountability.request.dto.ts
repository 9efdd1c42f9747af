import { HasNoIdentifiers, IsDivisionCode, IsInstant } from '@civil/platform';
import {
  ACCOUNTABILITY_OUTCOMES,
  ACCOUNTABILITY_SUBJECT_KINDS,
  ACCOUNTABILITY_TRIGGERS,
  AccountabilityOutcome,
  AccountabilitySubjectKind,
  AccountabilityTrigger,
  CASE_LEVELS,
  CaseLevel,
} from '@civil/contracts';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsOptional,
  IsString,
  Length,
  Matches,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

export class AccountabilitySubjectRequest {
  @IsIn(ACCOUNTABILITY_SUBJECT_KINDS as unknown as string[], { message: `kind must be one of: ${ACCOUNTABILITY_SUBJECT_KINDS.join(', ')}` })
  kind: AccountabilitySubjectKind;

  /** Unit id, township/division code, or a post title (e.g. 院长) — never a person's name or id number. */
  @IsString()
  @Length(1, 128, { message: 'id must be 1–128 characters (unit id, division code, or post title)' })
  id: string;

  @IsDivisionCode({ shapeMessage: 'divisionCode must be a division code (2, 4, 6, 9 or 12 digits)' })
  divisionCode: string;
}

export class EvidenceRequest {
  /** CloudEvents ce_id of the event. */
  @IsString()
  @Length(1, 128, { message: 'eventId must be 1–128 characters (a CloudEvents ce_id)' })
  eventId: string;

  @IsOptional()
  @Matches(/^cn\.gov\.civilaffairs\.[a-z0-9.-]+\.v\d+$/, {
    message: 'type must be a CloudEvents type (cn.gov.civilaffairs.<context>.<name>.v<n>)',
  })
  type?: string;

  @IsOptional()
  @IsInstant({ notInFuture: true, shapeMessage: 'time must be an ISO 8601 time' })
  time?: string;
}

export class OpenAccountabilityCaseRequest {
  @IsIn(ACCOUNTABILITY_TRIGGERS as unknown as string[], { message: `trigger must be one of: ${ACCOUNTABILITY_TRIGGERS.join(', ')}` })
  trigger: AccountabilityTrigger;

  @IsDefined({ message: 'subject must be given ({kind, id, divisionCode})' })
  @ValidateNested()
  @Type(() => AccountabilitySubjectRequest)
  subject: AccountabilitySubjectRequest;

  @IsArray()
  @ArrayMinSize(1, { message: 'evidence must list at least one event' })
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => EvidenceRequest)
  evidence: EvidenceRequest[];

  /** What happened, without personal data. */
  @IsOptional()
  @IsString()
  @Length(1, 1000, { message: 'summary must be 1–1000 characters' })
  @HasNoIdentifiers()
  summary?: string;
}

export class DecideOutcomeRequest {
  @IsIn(ACCOUNTABILITY_OUTCOMES as unknown as string[], { message: `outcome must be one of: ${ACCOUNTABILITY_OUTCOMES.join(', ')}` })
  outcome: AccountabilityOutcome;

  /** Required for dismissed (不予问责); otherwise what the decision rests on. */
  @ValidateIf((o: DecideOutcomeRequest) => o.outcome === 'dismissed' || o.reason !== undefined)
  @IsString({ message: 'reason is required when the outcome is dismissed' })
  @Length(1, 1000, { message: 'reason must be 1–1000 characters' })
  @HasNoIdentifiers()
  reason?: string;
}

export class SetAccountabilityRuleRequest {
  /** true: this case type opens no accountability case by itself. */
  @IsOptional()
  @IsBoolean()
  disabled?: boolean;

  @ValidateIf((o: SetAccountabilityRuleRequest) => !o.disabled)
  @IsIn(CASE_LEVELS as unknown as string[], { message: `level must be one of: ${CASE_LEVELS.join(', ')}` })
  level?: CaseLevel;

  @ValidateIf((o: SetAccountabilityRuleRequest) => !o.disabled)
  @IsIn(ACCOUNTABILITY_TRIGGERS as unknown as string[], { message: `trigger must be one of: ${ACCOUNTABILITY_TRIGGERS.join(', ')}` })
  trigger?: AccountabilityTrigger;
}
