import { Injectable } from '@nestjs/common';
import { KEY_PERSON_CATEGORIES, RISK_FLAGS } from '@civil/contracts';
import { Clock, DomainError, shanghaiDate } from '@civil/kernel';
import { assertCovers, InjectClock, Principal } from '@civil/platform';
import { PersonRegistry } from '../../people/application/person-registry';
import { isPastDue, nextDueAt } from '../domain/key-person-entry';
import { KeyPersonEntryRepository } from '../infrastructure/key-person-entry.repository';
import { entrySummary } from './entry-view';
import { checkTownship, TownshipEntries } from './township-entries';
import { VisitCadence } from './visit-cadence';

export interface ListFilter {
  category?: string;
  flag?: string;
  overdue?: string;
  status?: string;
}

/** A township's list, filtered by category, flag, overdue (now) and status (default active), the next visit due first. */
@Injectable()
export class ListEntries {
  constructor(
    private readonly entries: KeyPersonEntryRepository,
    private readonly township: TownshipEntries,
    private readonly registry: PersonRegistry,
    private readonly cadence: VisitCadence,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async execute(townshipCode: string, filter: ListFilter, by: Principal) {
    checkTownship(townshipCode);
    assertCovers(by, townshipCode);
    const category = optionalOf(filter.category, KEY_PERSON_CATEGORIES, 'category');
    const flag = optionalOf(filter.flag, RISK_FLAGS, 'flag');
    const overdue = optionalOf(filter.overdue, ['true', 'false'] as const, 'overdue');
    const status = optionalOf(filter.status, ['active', 'closed', 'all'] as const, 'status') ?? 'active';
    const now = this.clock.now();
    const today = shanghaiDate(now);
    const cadenceOf = this.cadence.memo(now);
    const rows = (await this.entries.ofTownship(townshipCode))
      .filter((e) => status === 'all' || e.status === status)
      .filter((e) => !category || e.categories.includes(category))
      .filter((e) => !flag || e.flags.some((f) => f.flag === flag));
    const withCadence = await Promise.all(rows.map(async (e) => ({ e, cadence: await cadenceOf(e.divisionCode, e.categories) })));
    const shown = withCadence.filter(({ e, cadence }) => {
      if (!overdue) return true;
      const late = e.status === 'active' && isPastDue(nextDueAt(e, cadence.days), now);
      return overdue === 'true' ? late : !late;
    });
    const persons = await this.registry.getMany(shown.map(({ e }) => e.personId));
    const items = shown
      .map(({ e, cadence }) =>
        entrySummary(e, { person: persons.get(e.personId), cadence, now, today, notes: this.township.notesOf(e.notesEnc) }),
      )
      .sort(
        (a, b) =>
          (a.nextVisitDueAt?.getTime() ?? Infinity) - (b.nextVisitDueAt?.getTime() ?? Infinity) || a.entryId.localeCompare(b.entryId),
      );
    return { townshipCode, count: items.length, entries: items };
  }
}

function optionalOf<T extends string>(value: string | undefined, allowed: readonly T[], field: string): T | undefined {
  if (value === undefined || value === '') return undefined;
  if (!(allowed as readonly string[]).includes(value))
    throw DomainError.invalid('InvalidFilter', `${field} must be one of: ${allowed.join(', ')}`, { field });
  return value as T;
}
