import { CEREMONY_KINDS, CeremonyKind } from '@civil/contracts';
import { IsDivisionCode, IsInstant } from '@civil/platform';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { INCIDENT_KINDS, IncidentKind } from '../domain/funeral-incident';

const ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{1,127}$/;
const ID_MESSAGE = 'must be 2–128 letters, digits, or . _ : -';

export class IssueSuspensionOrderRequest {
  @Matches(ID, { message: `orderId ${ID_MESSAGE}` }) orderId: string;
  /** The region: a province, city, county or township code; every home inside it is covered. */
  @IsDivisionCode({
    levels: ['province', 'city', 'county', 'township'],
    shapeMessage: 'divisionCode must be a province, city, county or township code',
  })
  divisionCode: string;
  @IsArray({ message: 'kinds must be a list' })
  @ArrayMinSize(1, { message: 'kinds must name at least one ceremony' })
  @ArrayMaxSize(3)
  @IsIn(CEREMONY_KINDS as unknown as string[], { each: true, message: `each kind must be one of: ${CEREMONY_KINDS.join(', ')}` })
  kinds: CeremonyKind[];
  @IsString() @Length(1, 500, { message: 'reason must be 1–500 characters' }) reason: string;
  /** When the suspension starts (ISO 8601); default now. */
  @IsOptional() @IsInstant({ shapeMessage: 'from must be an ISO 8601 time' }) from?: string;
  /** When it ends by itself (ISO 8601); omitted: until lifted. */
  @IsOptional() @IsInstant({ shapeMessage: 'until must be an ISO 8601 time' }) until?: string;
}

export class FamilyContactRequest {
  @IsString() @Length(1, 50, { message: 'name must be 1–50 characters' }) name: string;
  @Matches(/^\+?\d{5,20}$/, { message: 'phone must be 5–20 digits' }) phone: string;
}

export class BookCeremonyRequest {
  @IsIn(CEREMONY_KINDS as unknown as string[], { message: `kind must be one of: ${CEREMONY_KINDS.join(', ')}` }) kind: CeremonyKind;
  @IsInstant({ shapeMessage: 'startsAt must be an ISO 8601 time' }) startsAt: string;
  @IsInstant({ shapeMessage: 'endsAt must be an ISO 8601 time' }) endsAt: string;
  @IsString() @Length(1, 100, { message: 'hall must be 1–100 characters' }) hall: string;
  @IsOptional() @Matches(ID, { message: `caseId ${ID_MESSAGE}` }) caseId?: string;
  /** The family's contact: stored encrypted, shown masked. */
  @ValidateNested() @Type(() => FamilyContactRequest) familyContact: FamilyContactRequest;
}

export class RecordIncidentRequest {
  @IsOptional() @Matches(ID, { message: `incidentId ${ID_MESSAGE}` }) incidentId?: string;
  @IsIn(INCIDENT_KINDS as unknown as string[], { message: `kind must be one of: ${INCIDENT_KINDS.join(', ')}` }) kind: IncidentKind;
  /** Where: the village (12 digits) or township (9 digits). */
  @IsDivisionCode({ levels: ['township', 'village'], shapeMessage: 'divisionCode must be a village (12-digit) or township (9-digit) code' })
  divisionCode: string;
  @IsString() @Length(1, 1000, { message: 'description must be 1–1000 characters (no names of the family)' }) description: string;
  @IsOptional() @IsInstant({ notInFuture: true, shapeMessage: 'occurredAt must be an ISO 8601 time' }) occurredAt?: string;
}

export class ResolveIncidentRequest {
  /** How it was resolved (e.g. 上户做工作后家属自愿拆除). */
  @IsString() @Length(1, 1000, { message: 'resolution must be 1–1000 characters' }) resolution: string;
}
