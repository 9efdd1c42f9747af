import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { createLogger, PeriodicTask } from '@civil/platform';
import { SWEEP_INTERVAL_MS } from '../../sweeps.module';
import { OverdueSweepService } from './overdue-sweep.service';

/** Runs the overdue-issue sweep on a timer (SWEEP_INTERVAL_MS; 0 turns it off). */
@Injectable()
export class OverdueSweepScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly task: PeriodicTask;

  constructor(sweep: OverdueSweepService, @Inject(SWEEP_INTERVAL_MS) intervalMs: number) {
    this.task = new PeriodicTask(
      'overdue rectification issue sweep',
      intervalMs,
      async () => {
        const { reported } = await sweep.sweep();
        return { reported };
      },
      createLogger('supervision', 'OverdueSweepScheduler'),
    );
  }

  onApplicationBootstrap(): void {
    this.task.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }
}
