import { OPERATORS, Operator, UNIT_TYPES, UnitType } from '@civil/contracts';
import { IsIn, IsInt, IsString, Length, Matches, Max, Min } from 'class-validator';

export class RegisterInstitutionRequest {
  /** Stable id chosen by the registering office (e.g. its unified social credit code). */
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_-]{1,63}$/, { message: 'unitId must be 2–64 letters, digits, - or _' })
  unitId: string;

  @IsString()
  @Length(1, 200)
  name: string;

  @IsIn(UNIT_TYPES as unknown as string[], { message: `unitType must be one of: ${UNIT_TYPES.join(', ')}` })
  unitType: UnitType;

  @IsIn(OPERATORS as unknown as string[], { message: `operator must be one of: ${OPERATORS.join(', ')}` })
  operator: Operator;

  @Matches(/^(\d{6}|\d{9}|\d{12})$/, { message: 'divisionCode must be a 6, 9 or 12-digit division code' })
  divisionCode: string;

  @IsInt()
  @Min(0)
  @Max(100_000)
  beds: number;

  @IsInt()
  @Min(0)
  @Max(100_000)
  bedsInUse: number;
}
