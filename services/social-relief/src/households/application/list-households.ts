import { Injectable } from '@nestjs/common';
import { Clock, shanghaiDate } from '@civil/kernel';
import { InjectClock, Principal } from '@civil/platform';
import { PersonRegistry } from '../../people/application/person-registry';
import { HouseholdStatus } from '../domain/household-vocabulary';
import { HouseholdRepository } from '../infrastructure/household.repository';
import { householdView } from './household-view';

/** Households within the caller's jurisdiction, of a status or all, newest first. */
@Injectable()
export class ListHouseholds {
  constructor(
    private readonly households: HouseholdRepository,
    private readonly people: PersonRegistry,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async execute(by: Principal, status: HouseholdStatus | undefined, limit: number) {
    const found = await this.households.listIn(by.jurisdiction, status, limit);
    const persons = await this.people.getMany(found.flatMap((h) => h.members.map((m) => m.personId)));
    const today = shanghaiDate(this.clock.now());
    return found.map((h) => householdView(h, persons, today));
  }
}
