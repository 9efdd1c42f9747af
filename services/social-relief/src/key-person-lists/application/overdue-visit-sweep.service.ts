import { Injectable } from '@nestjs/common';
import { VisitOverdueV1 } from '@civil/contracts';
import { Clock, deterministicId } from '@civil/kernel';
import { outboxEntry, OutboxRelay } from '@civil/messaging';
import { InjectClock } from '@civil/platform';
import { episodeToOpen, KeyPersonEntry, openEpisode } from '../domain/key-person-entry';
import { KeyPersonEntryRepository } from '../infrastructure/key-person-entry.repository';
import { EntryRegisterSync } from './entry-register-sync';
import { VisitCadence } from './visit-cadence';

export interface OverdueSweepResult {
  sweptAt: string;
  /** Active entries looked at. */
  checked: number;
  /** Of those, past their due time with no open episode when read. */
  overdue: number;
  /** Episodes this run opened (the rest were opened by another replica at the same time). */
  opened: number;
  /** Entries whose register change (散居特困 on or off) was left unfinished and this run completed. */
  registerSynced: number;
}

const CAS_ATTEMPTS = 5;

/**
 * Finds entries past their visit due time and opens an overdue episode on each, writing
 * VisitOverdue in the same compare-and-set update. An entry with an open episode is skipped, and
 * the event id is derived from the episode, so repeated sweeps, replicas sweeping at once and
 * restarts publish each episode once. It also finishes register changes an entry write recorded
 * (`registerSyncPending`) but did not complete, e.g. after a crash.
 */
@Injectable()
export class OverdueVisitSweep {
  constructor(
    private readonly entries: KeyPersonEntryRepository,
    private readonly cadence: VisitCadence,
    private readonly registerSync: EntryRegisterSync,
    private readonly relay: OutboxRelay,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async sweep(): Promise<OverdueSweepResult> {
    const now = this.clock.now();
    const cadenceOf = this.cadence.memo(now);
    let checked = 0;
    let overdue = 0;
    let opened = 0;
    for await (const batch of this.entries.activeForSweep()) {
      checked += batch.length;
      for (const row of batch) {
        const { days } = await cadenceOf(row.divisionCode, row.categories);
        if (!episodeToOpen(row, days, now)) continue;
        overdue++;
        if (await this.open(row.entryId, cadenceOf, now)) opened++;
      }
    }
    let registerSynced = 0;
    for (const entryId of await this.entries.pendingRegisterSync()) {
      await this.registerSync.settle(entryId);
      if (!(await this.entries.get(entryId))?.value.registerSyncPending) registerSynced++;
    }
    return { sweptAt: now.toISOString(), checked, overdue, opened, registerSynced };
  }

  /** Opens the episode on the entry as it is now; false if it is not due any more or someone else opened it. */
  private async open(entryId: string, cadenceOf: ReturnType<VisitCadence['memo']>, now: Date): Promise<boolean> {
    for (let attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
      const current = await this.entries.get(entryId);
      if (!current) return false;
      const entry = current.value;
      const { days } = await cadenceOf(entry.divisionCode, entry.categories);
      const episode = episodeToOpen(entry, days, now);
      if (!episode) return false;
      const next: KeyPersonEntry = openEpisode(entry, episode);
      const event = outboxEntry(
        VisitOverdueV1,
        {
          entryId,
          personRef: entry.personId,
          divisionCode: entry.divisionCode,
          categories: entry.categories,
          episodeId: episode.episodeId,
          cadenceDays: episode.cadenceDays,
          lastVisitAt: entry.lastVisitAt?.toISOString() ?? null,
          dueAt: episode.dueAt.toISOString(),
          detectedAt: now.toISOString(),
        },
        { time: now, id: deterministicId(VisitOverdueV1.type, episode.episodeId) },
      );
      if (await this.entries.save(current.version, next, [event])) {
        this.relay.notifyWritten(KeyPersonEntryRepository.COLLECTION, [{ docId: entryId, entries: [event] }]);
        return true;
      }
    }
    return false;
  }
}
