import { Injectable } from '@nestjs/common';
import { Principal } from '@civil/platform';
import { HouseholdChanges } from './household-changes';
import { assessmentView } from './household-view';

/** The assessments of a household within the caller's reach, oldest first. */
@Injectable()
export class ListAssessments {
  constructor(private readonly changes: HouseholdChanges) {}

  async execute(householdId: string, by: Principal) {
    return (await this.changes.mustGet(householdId, by)).assessments.map(assessmentView);
  }
}
