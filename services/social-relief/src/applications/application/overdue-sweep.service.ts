import { Injectable } from '@nestjs/common';
import { Clock } from '@civil/kernel';
import { OutboxRelay } from '@civil/messaging';
import { InjectClock } from '@civil/platform';
import { markOverdue } from '../domain/application';
import { ApplicationRepository } from '../infrastructure/application.repository';
import { eventsFor } from './application-events';
import { ApplicationsService } from './applications.service';

export interface OverdueSweepResult {
  /** Applications found past their step's limit and not yet reported. */
  found: number;
  /** Of those, reported by this run (the rest by a concurrent sweep, or they moved on meanwhile). */
  recorded: number;
  /** Approved households put on their register by this run (retries of a failed enrolment). */
  enrolled: number;
}

const CAS_ATTEMPTS = 5;

/**
 * 应救未救: reports each application whose current step passed its limit, ONCE per application
 * and step. The step is added to the application's `overdueSteps` in the same compare-and-set
 * write that queues ApplicationOverdue (with an id derived from application and step), so
 * concurrent sweeps, replicas and restarts never report it twice.
 */
@Injectable()
export class ApplicationOverdueSweep {
  constructor(
    private readonly repository: ApplicationRepository,
    private readonly applications: ApplicationsService,
    private readonly relay: OutboxRelay,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async sweep(): Promise<OverdueSweepResult> {
    const now = this.clock.now();
    const candidates = await this.repository.overdueCandidates(now);
    let recorded = 0;
    for (const id of candidates) if (await this.report(id, now)) recorded++;
    let enrolled = 0;
    for (const id of await this.repository.pendingEnrolments()) {
      const a = await this.applications.enrol(id);
      if (a && !a.enrolment?.pending) enrolled++;
    }
    return { found: candidates.length, recorded, enrolled };
  }

  private async report(applicationId: string, now: Date): Promise<boolean> {
    for (let attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
      const current = await this.repository.get(applicationId);
      const outcome = current && markOverdue(current.value, now);
      if (!outcome) return false;
      const events = eventsFor(outcome.next, outcome.changes);
      if (await this.repository.save(current.version, outcome.next, events)) {
        this.relay.notifyWritten(ApplicationRepository.COLLECTION, [{ docId: applicationId, entries: events }]);
        return true;
      }
    }
    return false;
  }
}
