import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { createLogger, PeriodicTask } from '@civil/platform';
import { SWEEP_INTERVAL_MS } from '../../sweeps.module';
import { OverduePlacementSweep } from './overdue-placement-sweep.service';

/** Runs the overdue-placement sweep on a timer (SWEEP_INTERVAL_MS; 0 turns it off, tests call it directly). */
@Injectable()
export class OverduePlacementSweepScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly task: PeriodicTask;

  constructor(sweep: OverduePlacementSweep, @Inject(SWEEP_INTERVAL_MS) intervalMs: number) {
    this.task = new PeriodicTask(
      'overdue care placement sweep',
      intervalMs,
      async () => {
        const { found, recorded } = await sweep.sweep();
        return { found, recorded };
      },
      createLogger('social-relief', 'OverduePlacementSweepScheduler'),
    );
  }

  onApplicationBootstrap(): void {
    this.task.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }
}
