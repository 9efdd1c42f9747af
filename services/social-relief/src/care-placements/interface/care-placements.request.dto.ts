import { IsInstant } from '@civil/platform';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min, ValidateNested, IsDefined } from 'class-validator';
import { VISIT_MODES, VisitMode } from '../../key-person-lists/domain/key-person-entry';
import { END_REASONS, EndReason, PLACEMENT_STATUSES, PlacementStatus } from '../domain/care-placement';

const ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/;
const oneOf = (name: string, values: readonly string[]) => ({ message: `${name} must be one of: ${values.join(', ')}` });

export class RequestUnitCareRequest {
  /** The 儿童福利机构 / 未成年人救助保护机构 asked (its unit id in institution monitoring). */
  @Matches(ID, { message: 'unitId must be 1–128 letters, digits, or . _ : -' })
  unitId: string;
}

/** The entrusted carer: kept encrypted, shown masked, never published. */
export class CarerRequest {
  @IsString({ message: 'name must be text' })
  @Length(1, 50, { message: 'name must be 1–50 characters' })
  name: string;

  @IsOptional()
  @Matches(/^(1\d{10}|0\d{2,3}-?\d{7,8})$/, { message: 'phone must be a mainland mobile (11 digits) or landline number' })
  phone?: string;

  /** How they relate to the child (祖母, 邻居, 村儿童主任). */
  @IsString({ message: 'relation must be text' })
  @Length(1, 20, { message: 'relation must be 1–20 characters' })
  relation: string;
}

export class PlaceWithCarerRequest {
  @IsDefined({ message: 'carer is required' })
  @ValidateNested()
  @Type(() => CarerRequest)
  carer: CarerRequest;
}

export class CarerVisitRequest {
  /** When the child was visited (default now). */
  @IsOptional()
  @IsInstant({ toDate: true })
  visitedAt?: Date;

  @IsString({ message: 'findings must be text' })
  @Length(1, 500, { message: 'findings must be 1–500 characters' })
  findings: string;
}

export class EndPlacementRequest {
  @IsIn(END_REASONS as unknown as string[], oneOf('reason', END_REASONS))
  reason: EndReason;
}

export class FollowUpRequest {
  /** When the child was visited after the end (default now). */
  @IsOptional()
  @IsInstant()
  visitedAt?: string;

  @IsIn(VISIT_MODES as unknown as string[], oneOf('mode', VISIT_MODES))
  mode: VisitMode;

  @IsString({ message: 'findings must be text' })
  @Length(1, 500, { message: 'findings must be 1–500 characters' })
  findings: string;
}

export class ListPlacementsQuery {
  @IsOptional()
  @IsIn(PLACEMENT_STATUSES as unknown as string[], oneOf('status', PLACEMENT_STATUSES))
  status?: PlacementStatus;

  @IsOptional()
  @Matches(ID, { message: 'entryId must be 1–128 letters, digits, or . _ : -' })
  entryId?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1, { message: 'limit must be at least 1' })
  @Max(500, { message: 'limit must be at most 500' })
  limit?: number;
}
