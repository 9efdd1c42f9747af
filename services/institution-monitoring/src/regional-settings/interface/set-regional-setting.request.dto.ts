import { IsInt, IsOptional, Matches } from 'class-validator';

export class SetRegionalSettingRequest {
  @Matches(/^(\d{2}|\d{4}|\d{6}|\d{9})$/, { message: 'divisionCode must be a province, city, county or township code' })
  divisionCode: string;

  @IsInt({ message: 'value must be a whole number' })
  value: number;

  /** First day it applies (Beijing); defaults to today. */
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'effectiveFrom must be YYYY-MM-DD' })
  effectiveFrom?: string;
}
