import { Injectable } from '@nestjs/common';
import { Clock, shanghaiDate } from '@civil/kernel';
import { InjectClock } from '@civil/platform';
import { markOverdue } from '../domain/rectification-issue';
import { RectificationIssueRepository } from '../infrastructure/rectification-issue.repository';

export interface OverdueSweepResult {
  /** The Shanghai day the sweep ran on; due days before it have ended. */
  asOf: string;
  /** Issues this run found overdue (and queued RectificationIssueOverdue for). */
  reported: number;
}

/**
 * Finds issues not signed off whose due day has ended (Asia/Shanghai) and reports each once per
 * due day: the day is remembered on the issue in the same write as the event, whose id derives
 * from issue and due day, so repeated or concurrent sweeps report it once. A reopening sets a
 * new due day, which the sweep watches again. Each batch is one bulk read and one bulk write.
 */
@Injectable()
export class OverdueSweepService {
  constructor(
    private readonly issues: RectificationIssueRepository,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async sweep(batchSize = 200): Promise<OverdueSweepResult> {
    const now = this.clock.now();
    const asOf = shanghaiDate(now);
    let reported = 0;
    for (;;) {
      const due = await this.issues.dueForOverdue(asOf, batchSize);
      const found = new Set<string>();
      const { written } = await this.issues.store.changeMany(due, (current, issueId) => {
        found.delete(issueId);
        // another replica or a step changed it since it was found: its watched day is not over any more
        if (!current || current.sweepDue === null || current.sweepDue >= asOf) return undefined;
        const next = structuredClone(current);
        const overdue = markOverdue(next, asOf, now);
        if (!overdue && next.sweepDue === current.sweepDue) return undefined;
        if (overdue) found.add(issueId);
        return { next, changes: overdue ? [{ type: 'overdue', at: now }] : [] };
      });
      reported += [...written.keys()].filter((id) => found.has(id)).length;
      if (due.length < batchSize || written.size === 0) return { asOf, reported };
    }
  }
}
