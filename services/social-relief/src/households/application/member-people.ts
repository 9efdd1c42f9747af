import { Injectable } from '@nestjs/common';
import { DomainError } from '@civil/kernel';
import { Principal, reaches } from '@civil/platform';
import { PersonRegistry, registeredElsewhere } from '../../people/application/person-registry';
import { NewPerson, Person } from '../../people/domain/person';
import { MemberFlag, Relation } from '../domain/household-vocabulary';

export interface NewMember extends Omit<NewPerson, 'divisionCode'> {
  relation: Relation;
  flags?: MemberFlag[];
  canWork: boolean;
}

/** The people of the registry that new members of a household are. */
@Injectable()
export class MemberPeople {
  constructor(private readonly people: PersonRegistry) {}

  /**
   * Registers (or finds) each member's person; 400 naming `<field>.<n>.idNumber` for a bad or
   * repeated ID number, 403 for one on file outside the caller's jurisdiction (the household's view
   * shows its members, and the refusal says nothing of where that person is).
   */
  async register(members: NewMember[], divisionCode: string, field: string | null, by: Principal): Promise<Person[]> {
    const persons: Person[] = [];
    for (const [n, m] of members.entries()) {
      const path = field ? `${field}.${n}.idNumber` : 'idNumber';
      let person: Person;
      try {
        person = (await this.people.register({ name: m.name, idNumber: m.idNumber, phone: m.phone ?? null, divisionCode })).person;
      } catch (e) {
        if (e instanceof DomainError && e.code === 'InvalidIdNumber')
          throw DomainError.invalid('InvalidIdNumber', `${path}: ${e.message}`, { field: path });
        throw e;
      }
      if (!reaches(by, person.divisionCode)) throw registeredElsewhere(path);
      if (persons.some((p) => p.personId === person.personId))
        throw DomainError.invalid('DuplicateMember', `${path}: the same person is listed twice`, { field: path });
      persons.push(person);
    }
    return persons;
  }
}
