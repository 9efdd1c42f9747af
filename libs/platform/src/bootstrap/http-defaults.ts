import { INestApplication } from '@nestjs/common';
import { DomainErrorFilter } from '../errors/domain-error.filter';
import { OutageErrorFilter } from '../errors/outage-error.filter';
import { createValidationPipe } from '../errors/validation.pipe';
import { useCheckedBodyParsing } from '../input/body-parsing';
import { loadDivisionTable } from '../input/division-table';
import { JsonLogger } from '../logging/json.logger';
import { continueTraceMiddleware } from '../tracing/continue-trace.middleware';
import { OpenApiOptions, serveOpenApi } from './openapi';

export interface HttpDefaultsOptions {
  /** The service name written on every log line. */
  service: string;
  /** Defaults to LOG_LEVEL. */
  logLevel?: string;
  /** Use this logger instead of creating one (tests pass one writing to memory). */
  logger?: JsonLogger;
  /** What the OpenAPI document at /docs and /docs-json says of the service; every service serves one (titled with its name by default). */
  openApi?: OpenApiOptions;
  /** The largest request body accepted (default 100kb); larger ones are answered 413. */
  bodyLimit?: string;
}

/**
 * What every service's HTTP app needs, in one call from main.ts:
 *
 *   const app = await NestFactory.create(AppModule, { bufferLogs: true });
 *   applyHttpDefaults(app, { service: 'social-relief', logLevel: config.LOG_LEVEL });
 *
 * Shutdown hooks let SIGTERM stop consumers, flush the outbox and commit offsets before exit.
 * Bodies are parsed and checked here (hostile input is refused before any handler sees it), and
 * the administrative division table is loaded with EXTRA_DIVISION_CODES: a bad value stops the
 * service at start-up.
 */
export function applyHttpDefaults(app: INestApplication, options: HttpDefaultsOptions): JsonLogger {
  const logger = options.logger ?? new JsonLogger(options.service, { level: options.logLevel });
  app.useLogger(logger);
  app.use(continueTraceMiddleware);
  loadDivisionTable();
  useCheckedBodyParsing(app, { limit: options.bodyLimit });
  app.useGlobalPipes(createValidationPipe());
  // later filters are tried first: domain errors, then outages, then Nest's own handling
  app.useGlobalFilters(new OutageErrorFilter(app.getHttpAdapter()), new DomainErrorFilter());
  app.enableShutdownHooks();
  serveOpenApi(app, options.openApi ?? { title: options.service, description: '', version: '1' });
  return logger;
}
