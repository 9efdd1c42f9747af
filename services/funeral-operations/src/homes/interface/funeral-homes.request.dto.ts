import { IsCalendarDate, IsDivisionCode } from '@civil/platform';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
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
import { STAFF_ROLES, StaffRole } from '../domain/funeral-home';

const ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{1,63}$/;
const TIME = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;

export class DailyHoursRequest {
  @Matches(TIME, { message: 'start must be HH:mm' }) start: string;
  @Matches(TIME, { message: 'end must be HH:mm (24:00 for midnight)' }) end: string;
}

export class RegisterFuneralHomeRequest {
  @Matches(ID, { message: 'homeId must be 2–64 letters, digits, or . _ : -' }) homeId: string;
  @IsString() @Length(1, 200) name: string;
  @IsDivisionCode({ levels: ['county', 'township', 'village'], shapeMessage: 'divisionCode must be a 6, 9 or 12-digit division code' })
  divisionCode: string;
  @ValidateNested() @Type(() => DailyHoursRequest) openingHours: DailyHoursRequest;
  @IsInt() @Min(0) @Max(10_000) coldStorageSlots: number;
  @IsInt() @Min(0) @Max(10_000) bodyCarts: number;
  @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @Length(1, 100, { each: true }) crowdedAreas: string[];
}

export class UpdateFuneralHomeRequest {
  @IsOptional() @IsString() @Length(1, 200) name?: string;
  @IsOptional() @ValidateNested() @Type(() => DailyHoursRequest) openingHours?: DailyHoursRequest;
  @IsOptional() @IsInt() @Min(0) @Max(10_000) coldStorageSlots?: number;
  @IsOptional() @IsInt() @Min(0) @Max(10_000) bodyCarts?: number;
  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) crowdedAreas?: string[];
}

export class AddEquipmentRequest {
  @Matches(ID, { message: 'equipmentId must be 2–64 letters, digits, or . _ : -' }) equipmentId: string;
  @IsIn(['vehicle', 'cremator'], { message: 'kind must be vehicle or cremator' }) kind: 'vehicle' | 'cremator';
  @IsString() @Length(1, 100) name: string;
  /** Cremators: regular operating hours. */
  @IsOptional() @ValidateNested() @Type(() => DailyHoursRequest) hours?: DailyHoursRequest;
}

export class AddStaffRequest {
  @Matches(ID, { message: 'staffId must be 2–64 letters, digits, or . _ : -' }) staffId: string;
  @IsString() @Length(1, 50) name: string;
  @IsIn(STAFF_ROLES as unknown as string[], { message: `role must be one of: ${STAFF_ROLES.join(', ')}` }) role: StaffRole;
  @IsBoolean() recalledRetiree: boolean;
}

export class ExtendHoursRequest {
  @Matches(ID, { message: 'orderId must be 2–64 letters, digits, or . _ : -' }) orderId: string;
  /** Cremators it applies to; empty or omitted: all. */
  @IsOptional() @IsArray() @IsString({ each: true }) crematorIds?: string[];
  @IsCalendarDate({ shapeMessage: 'from must be YYYY-MM-DD' }) from: string;
  @IsCalendarDate({ shapeMessage: 'to must be YYYY-MM-DD' }) to: string;
  @ValidateNested() @Type(() => DailyHoursRequest) hours: DailyHoursRequest;
  @IsString() @Length(1, 500) reason: string;
}
