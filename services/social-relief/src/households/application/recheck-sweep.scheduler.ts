import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { createLogger, PeriodicTask } from '@civil/platform';
import { SWEEP_INTERVAL_MS } from '../../sweeps.module';
import { RecheckSweepService } from './recheck-sweep.service';

/** Runs the re-check sweep on a timer (SWEEP_INTERVAL_MS; 0 turns it off, tests call the sweep directly). */
@Injectable()
export class RecheckSweepScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly task: PeriodicTask;

  constructor(sweep: RecheckSweepService, @Inject(SWEEP_INTERVAL_MS) intervalMs: number) {
    this.task = new PeriodicTask(
      're-check sweep',
      intervalMs,
      async () => {
        const { sweptAt: _at, ...counts } = await sweep.sweep();
        return counts;
      },
      createLogger('social-relief', 'RecheckSweepScheduler'),
    );
  }

  onApplicationBootstrap(): void {
    this.task.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }
}
