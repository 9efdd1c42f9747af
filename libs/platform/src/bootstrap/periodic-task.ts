import { ContextLogger } from '../logging/context.logger';

/**
 * Runs a job on a fixed interval, never two at once; a failed run is logged and the next tick
 * tries again. Stopping waits for the run in progress. An interval of 0 never starts.
 */
export class PeriodicTask {
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly name: string,
    private readonly intervalMs: number,
    private readonly job: () => Promise<Record<string, number | string[]> | void>,
    private readonly log: ContextLogger,
  ) {}

  start(): void {
    if (this.intervalMs > 0) this.timer = setInterval(() => this.tick(), this.intervalMs);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  private tick(): void {
    if (this.running) return;
    this.running = this.job()
      .then(
        (result) =>
          result && Object.values(result).some((v) => typeof v === 'number' && v > 0) && this.log.info(`${this.name} done`, result),
      )
      .catch((e) => this.log.error(`${this.name} failed; it runs again on the next tick`, { error: (e as Error).message }))
      .finally(() => (this.running = undefined));
  }
}
