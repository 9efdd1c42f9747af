import { Injectable } from '@nestjs/common';
import { Principal } from '@civil/platform';
import { HouseholdChanges } from './household-changes';

/** A household within the caller's reach, with its members' people (404 otherwise). */
@Injectable()
export class ReadHousehold {
  constructor(private readonly changes: HouseholdChanges) {}

  async execute(householdId: string, by: Principal) {
    return this.changes.view(await this.changes.mustGet(householdId, by));
  }
}
