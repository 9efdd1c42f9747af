import { IsCalendarDate } from '@civil/platform';
import { Type } from 'class-transformer';
import { IsBoolean, IsDefined, IsIn, IsNumber, IsOptional, IsString, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { Relation, RELATIONS } from '../domain/visit';

/** A mainland mobile (11 digits from 1) or a landline with its area code (0571-88886666). */
const PHONE = /^(1\d{10}|0\d{2,3}-?\d{7,8})$/;
const TEMPERATURE = [
  IsNumber(
    { maxDecimalPlaces: 1, allowNaN: false, allowInfinity: false },
    { message: 'temperatureC must be a number of °C with at most one decimal' },
  ),
  Min(34, { message: 'temperatureC must be at least 34 °C' }),
  Max(43, { message: 'temperatureC must be at most 43 °C' }),
];

export class VisitorRequest {
  @IsString({ message: 'name must be text' })
  @Length(1, 50, { message: 'name must be 1–50 characters' })
  name: string;

  @IsString({ message: 'phone must be text' })
  @Matches(PHONE, { message: 'phone must be a mobile number (11 digits) or a landline with area code' })
  phone: string;

  @IsIn(RELATIONS as unknown as string[], { message: `relation must be one of: ${RELATIONS.join(', ')}` })
  relation: Relation;
}

export class HealthDeclarationRequest {
  /** Fever, cough, sore throat, loss of smell or taste … in the last 14 days. */
  @IsDefined({ message: 'symptoms must be declared (true or false)' })
  @IsBoolean({ message: 'symptoms must be true or false' })
  symptoms: boolean;

  @IsOptional()
  @(TEMPERATURE[0])
  @(TEMPERATURE[1])
  @(TEMPERATURE[2])
  temperatureC?: number;

  @IsOptional()
  @IsBoolean({ message: 'closeContact must be true or false' })
  closeContact?: boolean;

  @IsOptional()
  @IsBoolean({ message: 'maskWorn must be true or false' })
  maskWorn?: boolean;
}

export class BookVisitRequest {
  @IsString({ message: 'residentId must be text' })
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/, { message: 'residentId must be 1–64 letters, digits, or . _ : -' })
  residentId: string;

  /** The visit day, Beijing time. */
  @IsCalendarDate({ shapeMessage: 'date must be YYYY-MM-DD' })
  date: string;

  /** Start of the slot, HH:mm Beijing time, on the day's grid (GET …/visit-slots). */
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'slotStart must be HH:mm' })
  slotStart: string;

  @IsDefined({ message: 'visitor must be given' })
  @ValidateNested()
  @Type(() => VisitorRequest)
  visitor: VisitorRequest;

  @IsDefined({ message: 'healthDeclaration must be given' })
  @ValidateNested()
  @Type(() => HealthDeclarationRequest)
  healthDeclaration: HealthDeclarationRequest;
}

export class CancelVisitRequest {
  @IsString({ message: 'reason must be text' })
  @Length(1, 200, { message: 'reason must be 1–200 characters' })
  reason: string;
}

/** The check at the door: temperature taken, mask on. */
export class RecordArrivalRequest {
  @IsDefined({ message: 'temperatureC must be measured at the door' })
  @(TEMPERATURE[0])
  @(TEMPERATURE[1])
  @(TEMPERATURE[2])
  temperatureC: number;

  @IsDefined({ message: 'maskWorn must be checked at the door' })
  @IsBoolean({ message: 'maskWorn must be true or false' })
  maskWorn: boolean;
}
