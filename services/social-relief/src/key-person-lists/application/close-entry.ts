import { Injectable } from '@nestjs/common';
import { Clock, DomainError, shanghaiDate } from '@civil/kernel';
import { InjectClock, Principal } from '@civil/platform';
import { closeEntry, registerSyncFor } from '../domain/key-person-entry';
import { EntryRegisterSync } from './entry-register-sync';
import { TownshipEntries } from './township-entries';

/** Takes the entry off the list (kept, with its history); ends its 散居特困 membership. */
@Injectable()
export class CloseEntry {
  constructor(
    private readonly township: TownshipEntries,
    private readonly registerSync: EntryRegisterSync,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async execute(townshipCode: string, entryId: string, reason: string, by: Principal) {
    const next = await this.township.change(townshipCode, entryId, by, (entry, now) => {
      if (entry.status === 'closed')
        throw DomainError.conflict('EntryClosed', 'the entry is already closed', { entryId, rule: 'closed-entry' });
      const closed = closeEntry(entry, reason, by.sub, now);
      return { entry: { ...closed, registerSyncPending: registerSyncFor(closed, shanghaiDate(now), now) }, changes: [] };
    });
    const synced = await this.registerSync.settle(entryId);
    return this.township.detail(next, this.clock.now(), synced);
  }
}
