import { UNIT_TYPES, UnitType } from '@civil/contracts';
import { IsCalendarDate, IsDivisionCode } from '@civil/platform';
import { IsIn, IsOptional, Matches } from 'class-validator';

export class SetReportingDeadlineRequest {
  @IsDivisionCode({
    levels: ['province', 'city', 'county', 'township'],
    shapeMessage: 'divisionCode must be a province, city, county or township code',
  })
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
  @IsCalendarDate({ shapeMessage: 'effectiveFrom must be YYYY-MM-DD' })
  effectiveFrom?: string;
}
