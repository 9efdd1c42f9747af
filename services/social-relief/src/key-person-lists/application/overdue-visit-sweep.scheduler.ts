import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { createLogger, PeriodicTask } from '@civil/platform';
import { SWEEP_INTERVAL_MS } from '../../sweeps.module';
import { OverdueVisitSweep } from './overdue-visit-sweep.service';

/** Runs the overdue-visit sweep on a timer (SWEEP_INTERVAL_MS; 0 turns it off, tests call it directly). */
@Injectable()
export class OverdueVisitSweepScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly task: PeriodicTask;

  constructor(sweep: OverdueVisitSweep, @Inject(SWEEP_INTERVAL_MS) intervalMs: number) {
    this.task = new PeriodicTask(
      'overdue visit sweep',
      intervalMs,
      async () => {
        const { overdue, opened } = await sweep.sweep();
        return { overdue, opened };
      },
      createLogger('social-relief', 'OverdueVisitSweepScheduler'),
    );
  }

  onApplicationBootstrap(): void {
    this.task.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }
}
