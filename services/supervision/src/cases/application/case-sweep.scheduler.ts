import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { createLogger, PeriodicTask } from '@civil/platform';
import { SWEEP_INTERVAL_MS } from '../../sweeps.module';
import { EquipmentFaultWatchService } from './equipment-fault-watch.service';

/** Runs the unrepaired-fault sweep on a timer (SWEEP_INTERVAL_MS; 0 turns it off). */
@Injectable()
export class CaseSweepScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly task: PeriodicTask;

  constructor(faults: EquipmentFaultWatchService, @Inject(SWEEP_INTERVAL_MS) intervalMs: number) {
    this.task = new PeriodicTask(
      'unrepaired equipment sweep',
      intervalMs,
      () => faults.sweep(),
      createLogger('supervision', 'CaseSweepScheduler'),
    );
  }

  onApplicationBootstrap(): void {
    this.task.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }
}
