import { IsDivisionCode } from '@civil/platform';
import { IsOptional, IsString, Length, Matches } from 'class-validator';

export class RegisterPersonRequest {
  @IsString()
  @Length(1, 50, { message: 'name must be 1–50 characters' })
  name: string;

  /** Resident ID number (居民身份证号), 18 characters (or the old 15-digit form). */
  @IsString({ message: 'idNumber must be a string' })
  idNumber: string;

  @IsOptional()
  @Matches(/^(1\d{10}|0\d{2,3}-?\d{7,8})$/, { message: 'phone must be a mainland mobile (11 digits) or landline number' })
  phone?: string;

  @IsDivisionCode({ levels: ['township', 'village'], shapeMessage: 'divisionCode must be a township (9) or village (12-digit) code' })
  divisionCode: string;
}

/** Looks a person up by ID number in the body, never in a URL (URLs end up in logs). */
export class FindPersonRequest {
  @IsString({ message: 'idNumber must be a string' })
  idNumber: string;
}
