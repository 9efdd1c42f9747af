import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { createLogger } from '@civil/platform';
import { EscalateDueCasesService } from './escalate-due-cases.service';

export const ESCALATION_INTERVAL_MS = Symbol('ESCALATION_INTERVAL_MS');

/** Looks for due cases on a timer (0 turns it off; tests run the service directly). */
@Injectable()
export class EscalationScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  private readonly log = createLogger('supervision', 'EscalationScheduler');

  constructor(
    private readonly service: EscalateDueCasesService,
    @Inject(ESCALATION_INTERVAL_MS) private readonly intervalMs: number,
  ) {}

  onApplicationBootstrap(): void {
    if (this.intervalMs > 0) this.timer = setInterval(() => this.tick(), this.intervalMs);
  }

  private tick(): void {
    if (this.running) return;
    this.running = this.service
      .run()
      .then((r) => r.escalated && this.log.info('cases escalated', r))
      .catch((e) => this.log.error('escalation pass failed; it runs again on the next tick', { error: (e as Error).message }))
      .finally(() => (this.running = undefined));
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}
