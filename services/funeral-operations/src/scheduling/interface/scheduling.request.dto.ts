import { IsOptional, Matches } from 'class-validator';

export class CapacityRequest {
  @IsOptional()
  @Matches(/^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/, { message: 'divisionCode must be a 2, 4, 6, 9 or 12-digit division code' })
  divisionCode?: string;
}
