import { Injectable } from '@nestjs/common';
import { Clock, shanghaiDate } from '@civil/kernel';
import { createLogger, InjectClock } from '@civil/platform';
import { PersonRegistry } from '../../people/application/person-registry';
import { Person } from '../../people/domain/person';
import { KeyPersonEntry, registerSyncFor } from '../domain/key-person-entry';
import { KeyPersonEntryRepository } from '../infrastructure/key-person-entry.repository';

/** Rounds of making the register change while the entry keeps changing under it. */
const SETTLE_ROUNDS = 8;
const REGISTER = 'dispersed-extreme-poverty' as const;

/**
 * Makes the 散居特困 register change an entry's `registerSyncPending` marker asks for — only ever the
 * end of a membership an entry made before the county's decision on an application did so (seed 003
 * 篇八) — then clears the marker. The marker is written in the same compare-and-set update as the entry change, so a
 * crash between the entry write and the register write leaves it set, and the overdue-visit sweep
 * finishes the job. PersonRegistry.endMembership is idempotent, so repeating is harmless.
 * The register write happens outside the entry, before the marker is cleared: the marker is cleared
 * only if the entry did not change since it was read (`saveIf`); if it did, the register change the
 * entry now calls for is made again (a newer write's own settling may have been overtaken by this one).
 */
@Injectable()
export class EntryRegisterSync {
  private readonly log = createLogger('social-relief', 'EntryRegisterSync');

  constructor(
    private readonly entries: KeyPersonEntryRepository,
    private readonly registry: PersonRegistry,
    @InjectClock() private readonly clock: Clock,
  ) {}

  /**
   * Settles the entry's register change; returns the person as the register now has them, or
   * undefined when there was nothing to do or it failed (the marker stays set: the sweep retries).
   */
  async settle(entryId: string): Promise<Person | undefined> {
    try {
      return await this.settleOrThrow(entryId);
    } catch (e) {
      this.log.warn('register change of a key-person entry failed; the overdue-visit sweep retries it', {
        entryId,
        error: (e as Error).message,
      });
      return undefined;
    }
  }

  private async settleOrThrow(entryId: string): Promise<Person | undefined> {
    let person: Person | undefined;
    for (let round = 0; round < SETTLE_ROUNDS; round++) {
      const current = await this.entries.get(entryId);
      if (!current) return person;
      const marker = current.value.registerSyncPending ?? null;
      // nothing pending, and nothing done by this call that a newer write could have overtaken
      if (!marker && !person) return undefined;
      // the entry as it is now decides (it is what the latest marker was derived from)
      const wanted = registerSyncFor(current.value, marker?.day ?? shanghaiDate(this.clock.now()), marker?.markedAt ?? this.clock.now());
      person = wanted ? await this.end(current.value, wanted.day) : await this.registry.mustGet(current.value.personId);
      if (!marker) return person;
      const next: KeyPersonEntry = { ...current.value, registerSyncPending: null };
      // cleared only if the entry did not change meanwhile; otherwise apply what it says now
      if (await this.entries.store.saveIf(current, { next, changes: [] })) return person;
    }
    return person;
  }

  private end(entry: KeyPersonEntry, day: string): Promise<Person> {
    return this.registry.endMembership(entry.personId, REGISTER, entry.entryId, day);
  }
}
