import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { createLogger, PeriodicTask } from '@civil/platform';
import { DeadlineSweepService } from './deadline-sweep.service';

export const SWEEP_INTERVAL_MS = Symbol('SWEEP_INTERVAL_MS');

/** Runs the deadline sweep on a timer (0 turns it off; tests call the sweep directly). */
@Injectable()
export class DeadlineSweepScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly task: PeriodicTask;

  constructor(sweep: DeadlineSweepService, @Inject(SWEEP_INTERVAL_MS) intervalMs: number) {
    this.task = new PeriodicTask(
      'deadline sweep',
      intervalMs,
      async () => {
        const { missed, recorded } = await sweep.sweep();
        return { missed, recorded };
      },
      createLogger('institution-monitoring', 'DeadlineSweepScheduler'),
    );
  }

  onApplicationBootstrap(): void {
    this.task.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }
}
