import { DEATH_CAUSES, DeathCause, Symptom, SYMPTOMS } from '@civil/contracts';
import { IsCalendarDate, IsIdNumber, IsInstant } from '@civil/platform';
import { LEAVE_PURPOSES, LeavePurpose } from '../domain/resident-status';
import { ArrayMinSize, IsArray, IsBoolean, IsIn, IsNumber, IsOptional, IsString, Length, Max, Min } from 'class-validator';

const SYMPTOM_MESSAGE = `each symptom must be one of: ${SYMPTOMS.join(', ')}`;
const TEMPERATURE_MESSAGE = 'must be a temperature in °C between 30 and 45, e.g. 37.3';

export class AdmitResidentRequest {
  /** Stored encrypted; shown in full only to the unit's own staff. */
  @IsString()
  @Length(1, 50, { message: 'name must be 1–50 characters' })
  name: string;

  /** 居民身份证号码, when the person has one (relief stations often admit people without). */
  @IsOptional()
  @IsIdNumber()
  idNumber?: string;

  /**
   * 出生日期 (YYYY-MM-DD): who counts for the 91.2% vaccination floor (aged 12+). Read from the ID
   * number when absent; must agree with it when both are given.
   */
  @IsOptional()
  @IsCalendarDate({ shapeMessage: 'birthDate must be a date (YYYY-MM-DD)' })
  birthDate?: string;

  /** The admission reading (°C); required at a relief station (一人一测). */
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 }, { message: `temperatureC ${TEMPERATURE_MESSAGE}` })
  @Min(30, { message: `temperatureC ${TEMPERATURE_MESSAGE}` })
  @Max(45, { message: `temperatureC ${TEMPERATURE_MESSAGE}` })
  temperatureC?: number;

  @IsOptional()
  @IsArray({ message: 'symptoms must be a list' })
  @IsIn(SYMPTOMS as unknown as string[], { each: true, message: SYMPTOM_MESSAGE })
  symptoms?: Symptom[];
}

export class LeaveRequestRequest {
  /** medical (外出看病: the one outing closed management lets through once approved) or personal (default). */
  @IsOptional()
  @IsIn(LEAVE_PURPOSES as unknown as string[], { message: `purpose must be one of: ${LEAVE_PURPOSES.join(', ')}` })
  purpose?: LeavePurpose;

  @IsString()
  @Length(1, 200, { message: 'reason must be 1–200 characters' })
  reason: string;

  /** First day out (YYYY-MM-DD, Beijing). */
  @IsCalendarDate({ shapeMessage: 'fromDate must be a date (YYYY-MM-DD)' })
  fromDate: string;

  /** Last day out, planned. */
  @IsCalendarDate({ shapeMessage: 'untilDate must be a date (YYYY-MM-DD)' })
  untilDate: string;
}

export class LeaveDecisionRequest {
  @IsIn(['approved', 'refused'], { message: 'decision must be approved or refused' })
  decision: 'approved' | 'refused';

  @IsOptional()
  @IsString()
  @Length(1, 500, { message: 'note must be 1–500 characters' })
  note?: string;
}

export class TemperatureReadingRequest {
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 }, { message: `temperatureC ${TEMPERATURE_MESSAGE}` })
  @Min(30, { message: `temperatureC ${TEMPERATURE_MESSAGE}` })
  @Max(45, { message: `temperatureC ${TEMPERATURE_MESSAGE}` })
  temperatureC: number;

  /** Symptoms observed with the reading, if any. */
  @IsOptional()
  @IsArray({ message: 'symptoms must be a list' })
  @IsIn(SYMPTOMS as unknown as string[], { each: true, message: SYMPTOM_MESSAGE })
  symptoms?: Symptom[];

  /** When it was taken; now when absent. */
  @IsOptional()
  @IsInstant({ notInFuture: true, shapeMessage: 'takenAt must be an ISO 8601 instant' })
  takenAt?: string;
}

export class SymptomReportRequest {
  @IsArray({ message: 'symptoms must be a list' })
  @ArrayMinSize(1, { message: 'symptoms must name at least one symptom' })
  @IsIn(SYMPTOMS as unknown as string[], { each: true, message: SYMPTOM_MESSAGE })
  symptoms: Symptom[];

  @IsOptional()
  @IsInstant({ notInFuture: true, shapeMessage: 'detectedAt must be an ISO 8601 instant' })
  detectedAt?: string;
}

export class TransferRequest {
  /** The designated hospital (定点医院). */
  @IsString()
  @Length(1, 200, { message: 'hospital must be 1–200 characters' })
  hospital: string;

  @IsOptional()
  @IsInstant({ notInFuture: true, shapeMessage: 'transferredAt must be an ISO 8601 instant' })
  transferredAt?: string;
}

/** Recovery in the unit (在院康复), where the region's health authority allows care there instead of a transfer. */
export class RecoveryInPlaceRequest {
  /** The health authority's approval on record (卫生健康部门意见): its office and document number, no personal data. */
  @IsString()
  @Length(1, 200, { message: 'approvedBy must be 1–200 characters: the health authority and its approval reference' })
  approvedBy: string;

  @IsOptional()
  @IsInstant({ notInFuture: true, shapeMessage: 'recoveredAt must be an ISO 8601 instant' })
  recoveredAt?: string;
}

export class DeathRequest {
  @IsInstant({ notInFuture: true, shapeMessage: 'diedAt must be an ISO 8601 instant' })
  diedAt: string;

  @IsIn(DEATH_CAUSES as unknown as string[], { message: `cause must be one of: ${DEATH_CAUSES.join(', ')}` })
  cause: DeathCause;

  @IsBoolean({ message: 'infectious must be true or false' })
  infectious: boolean;

  /** The disease, for an infectious death only (e.g. COVID-19). */
  @IsOptional()
  @IsString()
  @Length(1, 100, { message: 'disease must be 1–100 characters' })
  disease?: string | null;
}
