import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { createLogger, PeriodicTask } from '@civil/platform';
import { SWEEP_INTERVAL_MS } from '../../sweeps.module';
import { PhaseOutSweepService } from './phase-out-sweep.service';

/** Runs the phase-out sweep on a timer (SWEEP_INTERVAL_MS; 0 turns it off, tests call the sweep directly). */
@Injectable()
export class PhaseOutSweepScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly task: PeriodicTask;

  constructor(sweep: PhaseOutSweepService, @Inject(SWEEP_INTERVAL_MS) intervalMs: number) {
    this.task = new PeriodicTask(
      'phase-out sweep',
      intervalMs,
      async () => ({ ...(await sweep.sweep()) }),
      createLogger('social-relief', 'PhaseOutSweepScheduler'),
    );
  }

  onApplicationBootstrap(): void {
    this.task.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }
}
