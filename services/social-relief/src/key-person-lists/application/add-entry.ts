import { Injectable } from '@nestjs/common';
import { CareCause, KEY_PERSON_CATEGORIES, KeyPersonCategory, RiskFlag } from '@civil/contracts';
import { Clock, divisionAncestors, DomainError, shanghaiDate } from '@civil/kernel';
import { assertCovers, InjectClock, Principal } from '@civil/platform';
import { PersonRegistry } from '../../people/application/person-registry';
import { entryIdOf, KeyPersonEntry, normalisedCategories, raiseFlag, registerSyncFor } from '../domain/key-person-entry';
import { KeyPersonEntryRepository } from '../infrastructure/key-person-entry.repository';
import { EntryRegisterSync } from './entry-register-sync';
import { KeyPersonEntryChange } from './key-person-entry-events';
import { checkFinding, checkTownship, ContactInput, TownshipEntries } from './township-entries';

export interface NewEntryInput {
  name: string;
  idNumber: string;
  phone?: string | null;
  villageCode?: string;
  categories: KeyPersonCategory[];
  riskFlags?: RiskFlag[];
  finding?: string;
  /** With a no-guardian flag: why the child is without care (a care placement opens). */
  cause?: CareCause;
  guardian?: ContactInput | null;
  contact?: ContactInput | null;
  notes?: string | null;
}

/**
 * Adds a person to a township's list (or reopens their closed entry); 409 if already on it. The
 * person is registered (or found) through PersonRegistry; RiskFlagRaised is written in the same
 * update as each flag given. 散居特困 on the entry moves the register: a `registerSyncPending`
 * marker in the same update, the register changed after (EntryRegisterSync; the overdue-visit
 * sweep retries).
 */
@Injectable()
export class AddEntry {
  constructor(
    private readonly entries: KeyPersonEntryRepository,
    private readonly township: TownshipEntries,
    private readonly registry: PersonRegistry,
    private readonly registerSync: EntryRegisterSync,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async execute(townshipCode: string, input: NewEntryInput, by: Principal) {
    checkTownship(townshipCode);
    assertCovers(by, townshipCode);
    if (input.villageCode && !input.villageCode.startsWith(townshipCode)) {
      throw DomainError.invalid('VillageOutsideTownship', `villageCode must be a village of township ${townshipCode}`, {
        field: 'villageCode',
      });
    }
    const flags = [...new Set(input.riskFlags ?? [])];
    if (input.cause && !flags.includes('no-guardian'))
      throw DomainError.invalid('CauseWithoutNoGuardian', 'cause is given only with the no-guardian flag', { field: 'cause' });
    if (flags.length) checkFinding(input.finding ?? '', 'finding', [input.name, input.guardian?.name, input.contact?.name]);
    const { person, created: personCreated } = await this.registry.register({
      name: input.name,
      idNumber: input.idNumber,
      phone: input.phone ?? null,
      divisionCode: input.villageCode ?? townshipCode,
    });
    const entryId = entryIdOf(townshipCode, person.personId);
    const now = this.clock.now();
    // encrypted once, before the write (undefined: not given)
    const guardian = input.guardian === undefined ? undefined : this.township.protect(input.guardian);
    const contact = input.contact === undefined ? undefined : this.township.protect(input.contact);
    const notesEnc = input.notes === undefined ? undefined : this.township.protectNotes(input.notes);
    let reopened = false;
    const { state } = await this.entries.store.upsert(entryId, (current) => {
      if (current?.status === 'active') {
        throw DomainError.conflict(
          'AlreadyOnList',
          `the person is already on the list of ${townshipCode} (one entry per person and township)`,
          { entryId, personId: person.personId },
        );
      }
      reopened = !!current;
      let entry: KeyPersonEntry = current
        ? {
            ...current,
            status: 'active',
            categories: normalisedCategories(input.categories, KEY_PERSON_CATEGORIES),
            guardian: guardian !== undefined ? guardian : current.guardian,
            contact: contact !== undefined ? contact : current.contact,
            notesEnc: notesEnc !== undefined ? notesEnc : current.notesEnc,
            activeSince: now,
            overdue: null,
            updatedAt: now,
            updatedBy: by.sub,
            closedAt: null,
            closedBy: null,
            closeReason: null,
          }
        : {
            entryId,
            townshipCode,
            divisionCode: input.villageCode ?? townshipCode,
            divisionAncestors: divisionAncestors(input.villageCode ?? townshipCode),
            personId: person.personId,
            status: 'active',
            categories: normalisedCategories(input.categories, KEY_PERSON_CATEGORIES),
            flags: [],
            flagHistory: [],
            guardian: guardian ?? null,
            contact: contact ?? null,
            notesEnc: notesEnc ?? null,
            visits: [],
            lastVisitAt: null,
            activeSince: now,
            overdue: null,
            episodeIds: [],
            createdAt: now,
            createdBy: by.sub,
            updatedAt: now,
            updatedBy: by.sub,
            closedAt: null,
            closedBy: null,
            closeReason: null,
          };
      const changes: KeyPersonEntryChange[] = [];
      for (const flag of flags) {
        const r = raiseFlag(entry, flag, input.finding!, by.sub, now, flag === 'no-guardian' ? input.cause : undefined);
        if (r) {
          entry = r.entry;
          changes.push({ type: 'flag-raised', raised: r.raised, at: now });
        }
      }
      entry = { ...entry, registerSyncPending: registerSyncFor(entry, shanghaiDate(now), now) };
      return { next: entry, changes };
    });
    const synced = await this.registerSync.settle(entryId);
    return { created: !reopened, reopened, personCreated, entry: await this.township.detail(state!, now, synced) };
  }
}
