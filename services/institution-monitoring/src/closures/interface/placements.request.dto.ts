import { PLACEMENT_KINDS, PlacementKind } from '@civil/contracts';
import { IsCalendarDate } from '@civil/platform';
import { IsIn, IsString, Length, Matches } from 'class-validator';

export class RequestPlacementRequest {
  /** adoption-placement (送养, at a child welfare home) or family-return (送返寻亲, at a relief station). */
  @IsIn(PLACEMENT_KINDS as unknown as string[], { message: `kind must be one of: ${PLACEMENT_KINDS.join(', ')}` })
  kind: PlacementKind;

  /** The child or rescued person, as the unit's own record refers to them (an id, never a name). */
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/, { message: 'subjectRef must be 1–64 letters, digits, or . _ : -' })
  subjectRef: string;

  /** The day it is to take place, Beijing time. */
  @IsCalendarDate({ shapeMessage: 'scheduledDate must be YYYY-MM-DD' })
  scheduledDate: string;
}

export class CancelPlacementRequest {
  @IsString({ message: 'reason must be text' })
  @Length(1, 200, { message: 'reason must be 1–200 characters' })
  reason: string;
}
