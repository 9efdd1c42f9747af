import { Injectable } from '@nestjs/common';
import { Clock } from '@civil/kernel';
import { ConcurrentChangeError } from '@civil/persistence';
import { InjectClock } from '@civil/platform';
import { markOverdue } from '../domain/hotline-call';
import { HotlineCallRepository } from '../infrastructure/hotline-call.repository';

export interface CallSweepResult {
  sweptAt: string;
  /** Open calls found past their service level and not yet overdue. */
  found: number;
  /** Of those, marked overdue by this run (the rest by a concurrent sweep, or answered meanwhile). */
  recorded: number;
}

/**
 * Finds open calls past their service level, paging through them by cursor, and marks each
 * overdue in the compare-and-set write that queues HotlineCallOverdue (its id derived from the
 * call): repeated sweeps, replicas and restarts signal each call once.
 */
@Injectable()
export class OverdueCallSweep {
  constructor(
    private readonly calls: HotlineCallRepository,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async sweep(): Promise<CallSweepResult> {
    const now = this.clock.now();
    let found = 0;
    let recorded = 0;
    for await (const id of this.calls.overdueCandidates(now)) {
      found++;
      if (await this.mark(id, now)) recorded++;
    }
    return { sweptAt: now.toISOString(), found, recorded };
  }

  private async mark(callId: string, now: Date): Promise<boolean> {
    const gone = new Error(`call ${callId} is gone`);
    try {
      const { written } = await this.calls.store.change(
        callId,
        (current) => {
          const r = markOverdue(current, now);
          return r && { next: r.call, changes: r.changes };
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
