import { Injectable } from '@nestjs/common';
import { Principal } from '@civil/platform';
import { changeMember, HouseholdMember } from '../domain/household';
import { HouseholdChanges } from './household-changes';

/** Changes a member's relation, flags or ability to work. */
@Injectable()
export class ChangeMember {
  constructor(private readonly changes: HouseholdChanges) {}

  async execute(
    householdId: string,
    personId: string,
    change: Partial<Pick<HouseholdMember, 'relation' | 'flags' | 'canWork'>>,
    by: Principal,
  ) {
    const tidy = change.flags ? { ...change, flags: [...new Set(change.flags)] } : change;
    return this.changes.view(await this.changes.change(householdId, by, (cur, now) => ({ next: changeMember(cur, personId, tidy, now) })));
  }
}
