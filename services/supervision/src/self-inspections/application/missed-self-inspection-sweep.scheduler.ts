import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { createLogger, PeriodicTask } from '@civil/platform';
import { SWEEP_INTERVAL_MS } from '../../sweeps.module';
import { SelfInspectionsService } from './self-inspections.service';

/** Runs the missed self-inspection sweep on a timer (SWEEP_INTERVAL_MS; 0 turns it off). */
@Injectable()
export class MissedSelfInspectionSweepScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly task: PeriodicTask;

  constructor(selfInspections: SelfInspectionsService, @Inject(SWEEP_INTERVAL_MS) intervalMs: number) {
    this.task = new PeriodicTask(
      'missed self-inspection sweep',
      intervalMs,
      async () => {
        const { recorded } = await selfInspections.sweep();
        return { recorded };
      },
      createLogger('supervision', 'MissedSelfInspectionSweepScheduler'),
    );
  }

  onApplicationBootstrap(): void {
    this.task.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }
}
