import { Injectable } from '@nestjs/common';
import { Clock } from '@civil/kernel';
import { ConcurrentChangeError } from '@civil/persistence';
import { InjectClock } from '@civil/platform';
import { markOverdue } from '../domain/application';
import { ApplicationRepository } from '../infrastructure/application.repository';
import { EnrolApprovedApplication } from './enrol-approved-application';

export interface OverdueSweepResult {
  /** Applications found past their step's limit and not yet reported. */
  found: number;
  /** Of those, reported by this run (the rest by a concurrent sweep, or they moved on meanwhile). */
  recorded: number;
  /** Approved households put on their register by this run (retries of a failed enrolment). */
  enrolled: number;
}

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
    private readonly enrolment: EnrolApprovedApplication,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async sweep(): Promise<OverdueSweepResult> {
    const now = this.clock.now();
    let found = 0;
    let recorded = 0;
    for await (const id of this.repository.overdueCandidates(now)) {
      found++;
      if (await this.report(id, now)) recorded++;
    }
    let enrolled = 0;
    for await (const id of this.repository.pendingEnrolments()) {
      const a = await this.enrolment.execute(id);
      if (a && !a.enrolment?.pending) enrolled++;
    }
    return { found, recorded, enrolled };
  }

  /** Reports the application's overdue step; false if there is none (any more), or it kept changing (the next sweep tries again). */
  private async report(applicationId: string, now: Date): Promise<boolean> {
    const gone = new Error(`application ${applicationId} is gone`);
    try {
      const { written } = await this.repository.store.change(
        applicationId,
        (current) => markOverdue(current, now) ?? undefined,
        () => gone,
      );
      return written;
    } catch (e) {
      if (e === gone || e instanceof ConcurrentChangeError) return false;
      throw e;
    }
  }
}
