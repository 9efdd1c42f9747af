import { Injectable } from '@nestjs/common';
import { Clock, shanghaiDate } from '@civil/kernel';
import { OutboxRelay } from '@civil/messaging';
import { InjectClock } from '@civil/platform';
import { markOverdue } from '../domain/rectification-issue';
import { RectificationIssueRepository } from '../infrastructure/rectification-issue.repository';
import { overdueEvents } from './issue-integration-events.mapper';

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
 * new due day, which the sweep watches again.
 */
@Injectable()
export class OverdueSweepService {
  constructor(
    private readonly issues: RectificationIssueRepository,
    private readonly relay: OutboxRelay,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async sweep(batchSize = 200): Promise<OverdueSweepResult> {
    const now = this.clock.now();
    const asOf = shanghaiDate(now);
    let reported = 0;
    for (;;) {
      const due = await this.issues.dueForOverdue(asOf, batchSize);
      let written = 0;
      for (const loaded of due) {
        const found = markOverdue(loaded.value, asOf, now);
        const events = found ? overdueEvents(loaded.value, now) : [];
        // lost race: another replica or a step changed it; the next pass reads it again
        if (!(await this.issues.save(loaded, events))) continue;
        written++;
        if (found) {
          reported++;
          this.relay.notifyWritten(RectificationIssueRepository.COLLECTION, [{ docId: loaded.value.issueId, entries: events }]);
        }
      }
      if (due.length < batchSize || written === 0) return { asOf, reported };
    }
  }
}
