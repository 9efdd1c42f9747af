import { IsDivisionCode } from '@civil/platform';
import { IsOptional } from 'class-validator';

export class CapacityRequest {
  @IsOptional()
  @IsDivisionCode({ shapeMessage: 'divisionCode must be a 2, 4, 6, 9 or 12-digit division code' })
  divisionCode?: string;
}
