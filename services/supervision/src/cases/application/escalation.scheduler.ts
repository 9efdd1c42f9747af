import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { createLogger, PeriodicTask } from '@civil/platform';
import { EscalateDueCasesService } from './escalate-due-cases.service';

export const ESCALATION_INTERVAL_MS = Symbol('ESCALATION_INTERVAL_MS');

/** Looks for due cases on a timer (0 turns it off; tests run the service directly). */
@Injectable()
export class EscalationScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly task: PeriodicTask;

  constructor(service: EscalateDueCasesService, @Inject(ESCALATION_INTERVAL_MS) intervalMs: number) {
    this.task = new PeriodicTask('escalation pass', intervalMs, () => service.run(), createLogger('supervision', 'EscalationScheduler'));
  }

  onApplicationBootstrap(): void {
    this.task.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }
}
