import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsInt, IsString, Length, Max, Min, ValidateNested } from 'class-validator';
import { STAFF_CATEGORIES, StaffCategory } from '../domain/staff-roll';
import { VACCINATION_STATUSES, VaccinationStatus } from '../domain/vaccination-status';

const MAX_PEOPLE = 1_000_000;

function People(what: string): PropertyDecorator {
  return (target, key) => {
    IsDefined({ message: `${what} must be given; send 0 when there is none` })(target, key);
    IsInt({ message: `${what} must be a whole number` })(target, key);
    Min(0, { message: `${what} cannot be negative` })(target, key);
    Max(MAX_PEOPLE, { message: `${what} cannot exceed ${MAX_PEOPLE}` })(target, key);
  };
}

/** One group's counts: people eligible (aged 12+, no contraindication) and, of those, vaccinated. */
export class GroupCountsRequest {
  @People('eligible') eligible: number;
  @People('vaccinated') vaccinated: number;
}

/** Both groups, always: a unit with no residents records 0 and 0 (blank is not zero). */
export class RecordVaccinationRequest {
  @IsDefined({ message: 'residents must be given ({eligible, vaccinated})' })
  @ValidateNested()
  @Type(() => GroupCountsRequest)
  residents: GroupCountsRequest;

  @IsDefined({ message: 'staff must be given ({eligible, vaccinated})' })
  @ValidateNested()
  @Type(() => GroupCountsRequest)
  staff: GroupCountsRequest;
}

const STATUS_MESSAGE = `must be one of: ${VACCINATION_STATUSES.join(', ')}`;

/** A resident's vaccination status (已接种 / 未接种 / 有禁忌症). */
export class ResidentVaccinationRequest {
  @IsIn(VACCINATION_STATUSES as unknown as string[], { message: `status ${STATUS_MESSAGE}` })
  status: VaccinationStatus;
}

/** A person on a staff roll (登记造册): 党员, 干部 or 职工, with their vaccination status. */
export class AddStaffMemberRequest {
  /** Stored encrypted; never in an event. */
  @IsString()
  @Length(1, 50, { message: 'name must be 1–50 characters' })
  name: string;

  @IsIn(STAFF_CATEGORIES as unknown as string[], { message: `category must be one of: ${STAFF_CATEGORIES.join(', ')}` })
  category: StaffCategory;

  @IsIn(VACCINATION_STATUSES as unknown as string[], { message: `vaccinationStatus ${STATUS_MESSAGE}` })
  vaccinationStatus: VaccinationStatus;
}

export class StaffVaccinationRequest {
  @IsIn(VACCINATION_STATUSES as unknown as string[], { message: `vaccinationStatus ${STATUS_MESSAGE}` })
  vaccinationStatus: VaccinationStatus;
}
