import { INestApplication } from '@nestjs/common';
import { BaseServiceConfig } from '../config/base-service.config';
import { loadConfig } from '../config/config.loader';
import { createLogger } from '../logging/context.logger';
import type { TracingHandle } from '../tracing/tracing.bootstrap';

const SIGNALS: NodeJS.Signals[] = ['SIGTERM', 'SIGINT'];

/**
 * The body of a service's main: load and validate config (exit 1 with the list of bad
 * variables), build the app, listen on PORT, and flush traces once the app has shut down.
 *
 *   export const bootstrap = runService('supervision', SupervisionConfig, (config) => createApp(config));
 *   // main.ts: const tracing = startTracing(...); import('./bootstrap').then(({ bootstrap }) => bootstrap(tracing));
 */
export function runService<C extends BaseServiceConfig>(
  service: string,
  schema: new () => C,
  createApp: (config: C) => Promise<INestApplication>,
): (tracing?: TracingHandle) => Promise<void> {
  return async (tracing) => {
    const log = createLogger(service, 'Bootstrap');
    let config: C;
    try {
      config = loadConfig(schema);
    } catch (error) {
      // Plain text on purpose: an operator reads this once, and the list must stay readable.
      process.stderr.write(`${service} cannot start: ${(error as Error).message}\n`);
      await tracing?.shutdown();
      process.exit(1);
    }
    try {
      const app = await createApp(config);
      if (tracing) flushTracingAfterShutdown(tracing);
      await app.listen(config.PORT, config.HOST);
      log.info(`${service} listening on ${config.HOST}:${config.PORT}`, { host: config.HOST, port: config.PORT });
    } catch (error) {
      log.error(`${service} failed to start`, { err: error });
      await tracing?.shutdown();
      // Open broker and database sockets would keep a half-started process alive.
      process.exit(1);
    }
  };
}

/**
 * Nest's shutdown hooks (enabled by applyHttpDefaults) close the app on SIGTERM, stop listening,
 * and re-raise the signal. Spans from that shutdown (outbox flush, last requests) are still
 * buffered, so this listener waits for Nest to finish, flushes them, and then lets the signal
 * end the process.
 */
function flushTracingAfterShutdown(tracing: TracingHandle): void {
  for (const signal of SIGNALS) {
    const onSignal = (): void => {
      if (process.listeners(signal).some((l) => l !== onSignal)) return; // Nest is still closing.
      process.removeListener(signal, onSignal);
      void tracing.shutdown().finally(() => process.kill(process.pid, signal));
    };
    process.on(signal, onSignal);
  }
}
