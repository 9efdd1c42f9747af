import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { createLogger, PeriodicTask } from '@civil/platform';
import { SWEEP_INTERVAL_MS } from '../../sweeps.module';
import { MissedCheckSweepService } from './missed-check-sweep.service';

/** Runs the missed-check sweep on a timer (SWEEP_INTERVAL_MS; 0 turns it off, tests call the sweep). */
@Injectable()
export class MissedCheckSweepScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly task: PeriodicTask;

  constructor(sweep: MissedCheckSweepService, @Inject(SWEEP_INTERVAL_MS) intervalMs: number) {
    this.task = new PeriodicTask(
      'missed maintenance check sweep',
      intervalMs,
      async () => {
        const { recorded } = await sweep.sweep();
        return { recorded };
      },
      createLogger('funeral-operations', 'MissedCheckSweepScheduler'),
    );
  }

  onApplicationBootstrap(): void {
    this.task.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }
}
