import { BeforeApplicationShutdown, Controller, Get, Inject } from '@nestjs/common';
import { HealthCheck, HealthCheckResult, HealthCheckService, HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { Public } from '../auth/auth.decorators';
import { NotReady, READINESS_CHECKS, ReadinessCheck, runWithTimeout } from './readiness-check';

export const HEALTH_OPTIONS = Symbol('HEALTH_OPTIONS');

export interface HealthOptions {
  /** Longest a single readiness check may take before it counts as down. */
  checkTimeoutMs: number;
}

/** Probes for the orchestrator: live = the process answers; ready = it can do its work. */
@Public()
@Controller('health')
export class HealthController implements BeforeApplicationShutdown {
  private draining = false;

  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(READINESS_CHECKS) private readonly checks: ReadinessCheck[],
    @Inject(HEALTH_OPTIONS) private readonly options: HealthOptions,
  ) {}

  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @HealthCheck()
  ready(): Promise<HealthCheckResult> {
    const indicators = this.checks.map((c) => () => this.run(c));
    // While shutting down, report not ready so traffic drains away before the server closes.
    if (this.draining) indicators.unshift(async () => this.indicators.check('shutdown').down({ message: 'shutting down' }));
    return this.health.check(indicators);
  }

  beforeApplicationShutdown(): void {
    this.draining = true;
  }

  private async run(check: ReadinessCheck): Promise<HealthIndicatorResult> {
    const session = this.indicators.check(check.name);
    try {
      const details = await runWithTimeout(check, this.options.checkTimeoutMs);
      return session.up(details ?? undefined);
    } catch (error) {
      const details = error instanceof NotReady ? error.details : {};
      return session.down({ ...details, message: error instanceof Error ? error.message : String(error) });
    }
  }
}
