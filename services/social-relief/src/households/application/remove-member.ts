import { Injectable } from '@nestjs/common';
import { shanghaiDate } from '@civil/kernel';
import { Principal } from '@civil/platform';
import { removeMember } from '../domain/household';
import { HouseholdChanges, registerChange, registerChangeId } from './household-changes';
import { HouseholdRegisters } from './household-registers';

/** Removes a member; leaving an enrolled household ends their membership of its register. */
@Injectable()
export class RemoveMember {
  constructor(
    private readonly changes: HouseholdChanges,
    private readonly registers: HouseholdRegisters,
  ) {}

  async execute(householdId: string, personId: string, by: Principal) {
    const changeId = registerChangeId();
    const next = await this.changes.change(householdId, by, (cur, now) => {
      const removed = removeMember(cur, personId, now);
      const current = removed.enrolments.find((e) => e.to === null);
      return {
        next: removed,
        registerChanges:
          current && current.category !== 'none'
            ? [registerChange(changeId, 'end', current.category, shanghaiDate(now), personId, now)]
            : [],
      };
    });
    await this.registers.settlePending(householdId);
    return this.changes.view(next);
  }
}
