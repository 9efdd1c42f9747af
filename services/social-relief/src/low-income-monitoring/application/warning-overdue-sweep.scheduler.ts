import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { createLogger, PeriodicTask } from '@civil/platform';
import { SWEEP_INTERVAL_MS } from '../../sweeps.module';
import { WarningOverdueSweep } from './warning-overdue-sweep.service';

/** Runs the overdue-warning sweep on a timer (SWEEP_INTERVAL_MS; 0 turns it off, tests call it directly). */
@Injectable()
export class WarningOverdueSweepScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly task: PeriodicTask;

  constructor(sweep: WarningOverdueSweep, @Inject(SWEEP_INTERVAL_MS) intervalMs: number) {
    this.task = new PeriodicTask(
      'low-income warning overdue sweep',
      intervalMs,
      async () => {
        const { overdue, signalled } = await sweep.sweep();
        return { overdue, signalled };
      },
      createLogger('social-relief', 'WarningOverdueSweepScheduler'),
    );
  }

  onApplicationBootstrap(): void {
    this.task.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }
}
