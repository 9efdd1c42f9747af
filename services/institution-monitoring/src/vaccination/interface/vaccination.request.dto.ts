import { Type } from 'class-transformer';
import { IsDefined, IsInt, Max, Min, ValidateNested } from 'class-validator';

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
