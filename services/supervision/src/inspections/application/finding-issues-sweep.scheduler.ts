import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { createLogger, PeriodicTask } from '@civil/platform';
import { SWEEP_INTERVAL_MS } from '../../sweeps.module';
import { FindingIssuesService } from './finding-issues.service';

/** Runs the sweep that finishes completions whose findings are not all issues yet (SWEEP_INTERVAL_MS; 0 turns it off). */
@Injectable()
export class FindingIssuesSweepScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly task: PeriodicTask;

  constructor(findingIssues: FindingIssuesService, @Inject(SWEEP_INTERVAL_MS) intervalMs: number) {
    this.task = new PeriodicTask(
      'inspection finding issues sweep',
      intervalMs,
      async () => {
        const { finished, failed } = await findingIssues.sweep();
        return { finished, failed };
      },
      createLogger('supervision', 'FindingIssuesSweepScheduler'),
    );
  }

  onApplicationBootstrap(): void {
    this.task.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }
}
