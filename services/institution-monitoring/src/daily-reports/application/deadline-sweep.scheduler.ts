import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { createLogger } from '@civil/platform';
import { DeadlineSweepService } from './deadline-sweep.service';

export const SWEEP_INTERVAL_MS = Symbol('SWEEP_INTERVAL_MS');

/** Runs the deadline sweep on a timer (0 turns it off; tests call the sweep directly). */
@Injectable()
export class DeadlineSweepScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  private readonly log = createLogger('institution-monitoring', 'DeadlineSweepScheduler');

  constructor(
    private readonly sweep: DeadlineSweepService,
    @Inject(SWEEP_INTERVAL_MS) private readonly intervalMs: number,
  ) {}

  onApplicationBootstrap(): void {
    if (this.intervalMs > 0) this.timer = setInterval(() => this.tick(), this.intervalMs);
  }

  private tick(): void {
    if (this.running) return;
    this.running = this.sweep
      .sweep()
      .then((r) => r.recorded && this.log.info('deadline sweep recorded missed reports', { ...r }))
      .catch((e) => this.log.error('deadline sweep failed; it runs again on the next tick', { error: (e as Error).message }))
      .finally(() => (this.running = undefined));
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}
