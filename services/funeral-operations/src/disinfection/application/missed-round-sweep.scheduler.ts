import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { createLogger, PeriodicTask } from '@civil/platform';
import { SWEEP_INTERVAL_MS } from '../../sweeps.module';
import { DisinfectionService } from './disinfection.service';

/** Runs the missed-disinfection sweep on a timer (SWEEP_INTERVAL_MS; 0 turns it off). */
@Injectable()
export class MissedRoundSweepScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly task: PeriodicTask;

  constructor(disinfection: DisinfectionService, @Inject(SWEEP_INTERVAL_MS) intervalMs: number) {
    this.task = new PeriodicTask(
      'missed disinfection round sweep',
      intervalMs,
      async () => {
        const { recorded } = await disinfection.sweep();
        return { recorded };
      },
      createLogger('funeral-operations', 'MissedRoundSweepScheduler'),
    );
  }

  onApplicationBootstrap(): void {
    this.task.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }
}
