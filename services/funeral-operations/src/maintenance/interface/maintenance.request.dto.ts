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
import { CHECK_RESULTS, CheckResult } from '../domain/maintenance';

const ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{1,63}$/;

export class FoundFaultRequest {
  @IsString() @Length(1, 500, { message: 'description must be 1–500 characters (what is wrong; no personal data)' }) description: string;
  @IsBoolean({ message: 'outOfService must be true or false' }) outOfService: boolean;
}

export class RecordCheckRequest {
  /** The home's staff member who did the check. */
  @Matches(ID, { message: 'staffId must be a staff id of the home' }) staffId: string;
  /** The manufacturer's resident engineer (厂家驻场工程师); required for cremators. */
  @IsOptional() @Matches(ID, { message: 'engineerStaffId must be a staff id of the home' }) engineerStaffId?: string;
  @IsArray({ message: 'items must be a list of what was checked' })
  @ArrayMinSize(1, { message: 'items must name at least one item checked' })
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 100, { each: true, message: 'each item must be 1–100 characters' })
  items: string[];
  @IsIn(CHECK_RESULTS as unknown as string[], { message: `result must be one of: ${CHECK_RESULTS.join(', ')}` }) result: CheckResult;
  /** Required when result is fault-found. */
  @ValidateIf((o: RecordCheckRequest) => o.result === 'fault-found' || o.fault !== undefined)
  @IsDefined({ message: 'fault is required when result is fault-found' })
  @ValidateNested()
  @Type(() => FoundFaultRequest)
  fault?: FoundFaultRequest;
}

export class ReportFaultRequest {
  /** Optional client id, so a retried report is recognised (409 the second time). */
  @IsOptional() @Matches(ID, { message: 'faultId must be 2–64 letters, digits, or . _ : -' }) faultId?: string;
  @IsString() @Length(1, 500, { message: 'description must be 1–500 characters (what is wrong; no personal data)' }) description: string;
  @IsBoolean({ message: 'outOfService must be true or false' }) outOfService: boolean;
}

export class RepairFaultRequest {
  @IsOptional() @IsString() @Length(1, 500, { message: 'notes must be 1–500 characters' }) notes?: string;
}
