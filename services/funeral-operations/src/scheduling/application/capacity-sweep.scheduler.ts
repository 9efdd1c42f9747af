import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { createLogger, PeriodicTask } from '@civil/platform';
import { SWEEP_INTERVAL_MS } from '../../sweeps.module';
import { SweepCapacity } from './sweep-capacity';

/** Evaluates every home's capacity on a timer (0 turns it off; tests call the sweep endpoint). */
@Injectable()
export class CapacitySweepScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly task: PeriodicTask;

  constructor(sweep: SweepCapacity, @Inject(SWEEP_INTERVAL_MS) intervalMs: number) {
    this.task = new PeriodicTask(
      'capacity sweep',
      intervalMs,
      async () => {
        const { evaluated, strained } = await sweep.execute();
        return { evaluated, strained };
      },
      createLogger('funeral-operations', 'CapacitySweepScheduler'),
    );
  }

  onApplicationBootstrap(): void {
    this.task.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }
}
