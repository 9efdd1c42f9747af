import { FUNERAL_CASE_STATUSES, FuneralCaseStatus } from '@civil/contracts';
import { IsInstant } from '@civil/platform';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min, ValidateNested } from 'class-validator';

const ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{1,63}$/;
const PHONE = /^\+?[0-9-]{5,20}$/;

export class PersonRequest {
  @IsString() @Length(1, 50) name: string;
  /** 18-character (or old 15-digit) ID number; checked, hashed to the person key, stored encrypted. */
  @IsOptional() @IsString() @Length(15, 18) idNumber?: string;
}

export class ContactRequest {
  @IsString() @Length(1, 50) name: string;
  @Matches(PHONE, { message: 'phone must be 5–20 digits' }) phone: string;
}

export class IntakeRequest {
  @Matches(ID, { message: 'homeId must be 2–64 letters, digits, or . _ : -' }) homeId: string;
  @ValidateNested() @Type(() => PersonRequest) deceased: PersonRequest;
  /** Never in the future: checked here against this server's clock, and by the intake against the service's. */
  @IsInstant({ notInFuture: true, toDate: true, shapeMessage: 'diedAt must be an ISO date-time' }) diedAt: Date;
  @IsBoolean() infectious: boolean;
  @IsOptional() @IsString() @Length(1, 100) disease?: string;
  /** Where the body is to be picked up. */
  @IsString() @Length(1, 200) place: string;
  @IsOptional() @ValidateNested() @Type(() => ContactRequest) family?: ContactRequest;
  @IsOptional() @IsString() @Length(1, 500) why?: string;
}

export class AssignRequest {
  @Matches(ID, { message: 'homeId must be 2–64 letters, digits, or . _ : -' }) homeId: string;
}

export class DispatchRequest {
  @Matches(ID, { message: 'vehicleId must be 2–64 letters, digits, or . _ : -' }) vehicleId: string;
  @IsOptional() @IsString() @Length(1, 500) why?: string;
}

export class CdcRequest {
  @IsString() @Length(1, 200) organisation: string;
  @IsString() @Length(1, 50) contactName: string;
  @Matches(PHONE, { message: 'contactPhone must be 5–20 digits' }) contactPhone: string;
}

export class PickUpRequest {
  @IsString() @Length(1, 200) place: string;
  @IsOptional() @IsString() @Length(1, 500) why?: string;
  @IsOptional() @ValidateNested() @Type(() => CdcRequest) cdc?: CdcRequest;
}

export class StoreRequest {
  @IsInt() @Min(1) @Max(10_000) slot: number;
  @IsOptional() @IsString() @Length(1, 500) why?: string;
}

export class ScheduleRequest {
  /** With `start`: an explicit slot; both omitted: earliest fit. */
  @IsOptional() @Matches(ID, { message: 'crematorId must be 2–64 letters, digits, or . _ : -' }) crematorId?: string;
  @IsOptional() @IsInstant({ toDate: true, shapeMessage: 'start must be an ISO date-time' }) start?: Date;
}

export class CremationRequest {
  @Matches(ID, { message: 'operatorStaffId must be 2–64 letters, digits, or . _ : -' }) operatorStaffId: string;
  @IsOptional() @Matches(ID, { message: 'crematorId must be 2–64 letters, digits, or . _ : -' }) crematorId?: string;
  @IsInstant({ notInFuture: true, toDate: true, shapeMessage: 'startedAt must be an ISO date-time' }) startedAt: Date;
  @IsInstant({ notInFuture: true, toDate: true, shapeMessage: 'endedAt must be an ISO date-time' }) endedAt: Date;
}

export class ReleaseRequest {
  @ValidateNested() @Type(() => ContactRequest) receiver: ContactRequest;
  @IsString() @Length(1, 50) relation: string;
  @IsOptional() @IsInstant({ notInFuture: true, toDate: true, shapeMessage: 'at must be an ISO date-time' }) at?: Date;
}

export class CancelRequest {
  @IsString() @Length(1, 500) reason: string;
}

export class ListCasesRequest {
  @IsOptional() @Matches(ID, { message: 'homeId must be 2–64 letters, digits, or . _ : -' }) homeId?: string;
  @IsOptional()
  @IsIn(FUNERAL_CASE_STATUSES as unknown as string[], { message: `status must be one of: ${FUNERAL_CASE_STATUSES.join(', ')}` })
  status?: FuneralCaseStatus;
  @IsOptional() @IsIn(['true', 'false'], { message: 'unassigned must be true or false' }) unassigned?: 'true' | 'false';
}
