import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { createLogger, PeriodicTask } from '@civil/platform';
import { SWEEP_INTERVAL_MS } from '../../sweeps.module';
import { DirectivesService } from './directives.service';

/** Runs the missed directive step sweep on a timer (SWEEP_INTERVAL_MS; 0 turns it off). */
@Injectable()
export class MissedStepSweepScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly task: PeriodicTask;

  constructor(directives: DirectivesService, @Inject(SWEEP_INTERVAL_MS) intervalMs: number) {
    this.task = new PeriodicTask(
      'missed directive step sweep',
      intervalMs,
      async () => {
        const { recorded } = await directives.sweep();
        return { recorded };
      },
      createLogger('supervision', 'MissedStepSweepScheduler'),
    );
  }

  onApplicationBootstrap(): void {
    this.task.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }
}
