import { Injectable } from '@nestjs/common';
import { Clock } from '@civil/kernel';
import { ConcurrentChangeError } from '@civil/persistence';
import { InjectClock } from '@civil/platform';
import { markOverdue } from '../domain/care-placement';
import { CarePlacementRepository } from '../infrastructure/care-placement.repository';

export interface PlacementSweepResult {
  sweptAt: string;
  /** Children still waiting past their limit, not yet found overdue. */
  found: number;
  /** Of those, marked overdue by this run (the rest by a concurrent sweep, or placed meanwhile). */
  recorded: number;
}

/**
 * Finds children not placed within the limit, paging through them by cursor, and marks each
 * overdue in the compare-and-set write that queues ChildPlacementOverdue (its id derived from the
 * placement): repeated sweeps, replicas and restarts signal each placement once.
 */
@Injectable()
export class OverduePlacementSweep {
  constructor(
    private readonly placements: CarePlacementRepository,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async sweep(): Promise<PlacementSweepResult> {
    const now = this.clock.now();
    let found = 0;
    let recorded = 0;
    for await (const id of this.placements.overdueCandidates(now)) {
      found++;
      if (await this.mark(id, now)) recorded++;
    }
    return { sweptAt: now.toISOString(), found, recorded };
  }

  private async mark(placementId: string, now: Date): Promise<boolean> {
    const gone = new Error(`placement ${placementId} is gone`);
    try {
      const { written } = await this.placements.store.change(
        placementId,
        (current) => {
          const r = markOverdue(current, now);
          return r && { next: r.placement, changes: r.changes };
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
