import { Injectable } from '@nestjs/common';
import { Clock } from '@civil/kernel';
import { ConcurrentChangeError } from '@civil/persistence';
import { InjectClock } from '@civil/platform';
import { cadenceDays, episodeToOpen, openEpisode } from '../domain/key-person-entry';
import { KeyPersonEntryRepository } from '../infrastructure/key-person-entry.repository';
import { EntryRegisterSync } from './entry-register-sync';
import { AreaCadence, VisitCadence } from './visit-cadence';

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
    @InjectClock() private readonly clock: Clock,
  ) {}

  async sweep(): Promise<OverdueSweepResult> {
    const now = this.clock.now();
    const areaOf = this.cadence.areas(now);
    let checked = 0;
    let overdue = 0;
    let opened = 0;
    for await (const batch of this.entries.activeForSweep()) {
      checked += batch.length;
      for (const row of batch) {
        const area = await areaOf(row.divisionCode);
        if (!episodeToOpen(row, cadenceDays(row.categories, area.settings, area.elevated), now)) continue;
        overdue++;
        if (await this.open(row.entryId, area, now)) opened++;
      }
    }
    let registerSynced = 0;
    for (const entryId of await this.entries.pendingRegisterSync()) {
      await this.registerSync.settle(entryId);
      if (!(await this.entries.get(entryId))?.value.registerSyncPending) registerSynced++;
    }
    return { sweptAt: now.toISOString(), checked, overdue, opened, registerSynced };
  }

  /**
   * Opens the episode on the entry as it is now (the cadence of its categories then, in its area);
   * false if it is not due any more, someone else opened it, or it kept changing (the next sweep tries again).
   */
  private async open(entryId: string, area: AreaCadence, now: Date): Promise<boolean> {
    const gone = new Error(`entry ${entryId} is gone`);
    try {
      const { written } = await this.entries.store.change(
        entryId,
        (entry) => {
          const episode = episodeToOpen(entry, cadenceDays(entry.categories, area.settings, area.elevated), now);
          if (!episode) return undefined;
          return { next: openEpisode(entry, episode), changes: [{ type: 'overdue', episode, at: now }] };
        },
        () => gone,
      );
      return written;
    } catch (e) {
      if (e === gone || e instanceof ConcurrentChangeError) return false;
      throw e;
    }
  }
}
