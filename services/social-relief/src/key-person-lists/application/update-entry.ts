import { Injectable } from '@nestjs/common';
import { KEY_PERSON_CATEGORIES, KeyPersonCategory } from '@civil/contracts';
import { Clock, shanghaiDate } from '@civil/kernel';
import { InjectClock, Principal } from '@civil/platform';
import { KeyPersonEntry, normalisedCategories, registerSyncFor } from '../domain/key-person-entry';
import { EntryRegisterSync } from './entry-register-sync';
import { assertActive, ContactInput, TownshipEntries } from './township-entries';

export interface EntryPatch {
  categories?: KeyPersonCategory[];
  guardian?: ContactInput | null;
  contact?: ContactInput | null;
  notes?: string | null;
}

/** Changes categories, guardian, contact or notes; 散居特困 added or removed moves the register. */
@Injectable()
export class UpdateEntry {
  constructor(
    private readonly township: TownshipEntries,
    private readonly registerSync: EntryRegisterSync,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async execute(townshipCode: string, entryId: string, patch: EntryPatch, by: Principal) {
    // encrypted once, before the write (undefined: not given)
    const guardian = patch.guardian === undefined ? undefined : this.township.protect(patch.guardian);
    const contact = patch.contact === undefined ? undefined : this.township.protect(patch.contact);
    const notesEnc = patch.notes === undefined ? undefined : this.township.protectNotes(patch.notes);
    const next = await this.township.change(townshipCode, entryId, by, (entry, now) => {
      assertActive(entry);
      const changed: KeyPersonEntry = {
        ...entry,
        categories: patch.categories ? normalisedCategories(patch.categories, KEY_PERSON_CATEGORIES) : entry.categories,
        guardian: guardian !== undefined ? guardian : entry.guardian,
        contact: contact !== undefined ? contact : entry.contact,
        notesEnc: notesEnc !== undefined ? notesEnc : entry.notesEnc,
        updatedAt: now,
        updatedBy: by.sub,
      };
      // categories may add or drop 散居特困: the register change is recorded with the entry
      if (patch.categories) changed.registerSyncPending = registerSyncFor(changed, shanghaiDate(now), now);
      return { entry: changed, changes: [] };
    });
    const synced = next.registerSyncPending ? await this.registerSync.settle(entryId) : undefined;
    return this.township.detail(next, this.clock.now(), synced);
  }
}
