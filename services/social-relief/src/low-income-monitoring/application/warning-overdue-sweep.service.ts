import { Injectable } from '@nestjs/common';
import { Clock } from '@civil/kernel';
import { ConcurrentChangeError } from '@civil/persistence';
import { InjectClock } from '@civil/platform';
import { becameOverdue, markOverdue } from '../domain/low-income-warning';
import { LowIncomeWarningRepository } from '../infrastructure/low-income-warning.repository';

export interface WarningSweepResult {
  sweptAt: string;
  /** Warnings found past their due time, unchecked and not yet signalled. */
  overdue: number;
  /** Of those, signalled by this run (the rest: checked meanwhile, or by another replica). */
  signalled: number;
}

/**
 * Finds warnings past their home-check limit (pages by id, never all at once) and marks each
 * overdue with LowIncomeWarningOverdue in the same write. A warning is marked once and the event id
 * is derived from it, so repeated sweeps, replicas and restarts signal each warning once.
 */
@Injectable()
export class WarningOverdueSweep {
  constructor(
    private readonly warnings: LowIncomeWarningRepository,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async sweep(): Promise<WarningSweepResult> {
    const now = this.clock.now();
    let overdue = 0;
    let signalled = 0;
    for await (const page of this.warnings.newlyOverdue(now)) {
      for (const warningId of page) {
        overdue++;
        if (await this.mark(warningId, now)) signalled++;
      }
    }
    return { sweptAt: now.toISOString(), overdue, signalled };
  }

  private async mark(warningId: string, now: Date): Promise<boolean> {
    const gone = new Error(`warning ${warningId} is gone`);
    try {
      const { written } = await this.warnings.store.change(
        warningId,
        (w) => (becameOverdue(w, now) ? { next: markOverdue(w, now), changes: [{ type: 'overdue', at: now }] } : undefined),
        () => gone,
      );
      return written;
    } catch (e) {
      if (e === gone || e instanceof ConcurrentChangeError) return false;
      throw e;
    }
  }
}
