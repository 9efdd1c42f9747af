import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { createLogger, PeriodicTask } from '@civil/platform';
import { SWEEP_INTERVAL_MS } from '../../sweeps.module';
import { ApplicationOverdueSweep } from './overdue-sweep.service';

/** Runs the overdue sweep on a timer (SWEEP_INTERVAL_MS; 0 turns it off and tests call it). */
@Injectable()
export class ApplicationOverdueSweepScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly task: PeriodicTask;

  constructor(sweep: ApplicationOverdueSweep, @Inject(SWEEP_INTERVAL_MS) intervalMs: number) {
    this.task = new PeriodicTask(
      'application overdue sweep',
      intervalMs,
      async () => ({ ...(await sweep.sweep()) }),
      createLogger('social-relief', 'ApplicationOverdueSweepScheduler'),
    );
  }

  onApplicationBootstrap(): void {
    this.task.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }
}
