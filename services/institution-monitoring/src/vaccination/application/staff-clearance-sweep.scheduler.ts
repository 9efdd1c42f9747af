import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { createLogger, PeriodicTask } from '@civil/platform';
import { RefreshCoverageDaily } from './refresh-coverage-daily';
import { StaffClearanceSweepService } from './staff-clearance-sweep.service';

export const CLEARANCE_SWEEP_INTERVAL_MS = Symbol('CLEARANCE_SWEEP_INTERVAL_MS');

/**
 * Runs the daily coverage refresh and the staff-roll clearance sweep on a timer (0 turns it off;
 * tests call them directly).
 */
@Injectable()
export class StaffClearanceSweepScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly task: PeriodicTask;

  constructor(refresh: RefreshCoverageDaily, sweep: StaffClearanceSweepService, @Inject(CLEARANCE_SWEEP_INTERVAL_MS) intervalMs: number) {
    this.task = new PeriodicTask(
      'vaccination sweep',
      intervalMs,
      async () => ({ ...(await refresh.run()), ...(await sweep.sweep()) }),
      createLogger('institution-monitoring', 'StaffClearanceSweepScheduler'),
    );
  }

  onApplicationBootstrap(): void {
    this.task.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }
}
