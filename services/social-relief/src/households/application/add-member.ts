import { Injectable } from '@nestjs/common';
import { shanghaiDate } from '@civil/kernel';
import { Principal } from '@civil/platform';
import { addMember } from '../domain/household';
import { HouseholdChanges, registerChange, registerChangeId } from './household-changes';
import { HouseholdRegisters } from './household-registers';
import { MemberPeople, NewMember } from './member-people';

/** Adds a member (a person of the registry); joining an enrolled household puts them on its register. */
@Injectable()
export class AddMember {
  constructor(
    private readonly changes: HouseholdChanges,
    private readonly members: MemberPeople,
    private readonly registers: HouseholdRegisters,
  ) {}

  async execute(householdId: string, member: NewMember, by: Principal) {
    const h = await this.changes.mustGet(householdId, by);
    const [person] = await this.members.register([member], h.divisionCode, null, by);
    const changeId = registerChangeId();
    const next = await this.changes.change(householdId, by, (cur, now) => {
      const added = addMember(
        cur,
        { personId: person.personId, relation: member.relation, flags: [...new Set(member.flags ?? [])], canWork: member.canWork },
        now,
      );
      const current = added.status === 'enrolled' || added.status === 'phase-out' ? added.enrolments.find((e) => e.to === null) : undefined;
      return {
        next: added,
        registerChanges:
          current && current.category !== 'none'
            ? [registerChange(changeId, 'enrol', current.category, shanghaiDate(now), person.personId, now)]
            : [],
      };
    });
    await this.registers.settlePending(householdId);
    return this.changes.view(next);
  }
}
