import { UNIT_TYPES, UnitType } from '@civil/contracts';
import { IsIn, IsOptional, Matches } from 'class-validator';

export class SetReportingDeadlineRequest {
  @Matches(/^(\d{2}|\d{4}|\d{6}|\d{9})$/, { message: 'divisionCode must be a province, city, county or township code' })
  divisionCode: string;

  /** Omit for every unit type in the region. */
  @IsOptional()
  @IsIn(UNIT_TYPES as unknown as string[], { message: `unitType must be one of: ${UNIT_TYPES.join(', ')}` })
  unitType?: UnitType;

  /** Wall-clock time in Beijing, HH:mm. */
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'time must be HH:mm (Beijing time)' })
  time: string;

  /** First day it applies; defaults to today. */
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'effectiveFrom must be YYYY-MM-DD' })
  effectiveFrom?: string;
}
