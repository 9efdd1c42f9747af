import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { createLogger, PeriodicTask } from '@civil/platform';
import { SWEEP_INTERVAL_MS } from '../../sweeps.module';
import { OverdueCallSweep } from './overdue-call-sweep.service';

/** Runs the overdue-call sweep on a timer (SWEEP_INTERVAL_MS; 0 turns it off, tests call it directly). */
@Injectable()
export class OverdueCallSweepScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly task: PeriodicTask;

  constructor(sweep: OverdueCallSweep, @Inject(SWEEP_INTERVAL_MS) intervalMs: number) {
    this.task = new PeriodicTask(
      'overdue hotline call sweep',
      intervalMs,
      async () => {
        const { found, recorded } = await sweep.sweep();
        return { found, recorded };
      },
      createLogger('social-relief', 'OverdueCallSweepScheduler'),
    );
  }

  onApplicationBootstrap(): void {
    this.task.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }
}
