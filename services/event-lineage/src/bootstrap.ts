import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Clock, SystemClock } from '@civil/kernel';
import { applyHttpDefaults, OpenApiOptions, runService } from '@civil/platform';
import { AppModule, SERVICE } from './app.module';
import { EventLineageConfig } from './config/event-lineage.config';
import { LineageConsumer } from './ingestion/infrastructure/lineage.consumer';
import { consoleDir, serveConsole } from './static-console/serve-console';

/** What the OpenAPI document (/docs, /docs-json, docs/openapi/event-lineage.openapi.json) says of the service. */
export const OPEN_API: OpenApiOptions = {
  title: 'Event lineage (事件溯源)',
  description:
    'Every event flow and dead letter of the platform, stored and queryable: events, flows by correlation id in causal order, topology with consumer lag, dead-letter replay (operators), audit. ' +
    'Reads: docs/asyncapi/event-lineage.asyncapi.json. Errors: 400 {error:"ValidationFailed", fields:[{field, reasons}]} or {error:<rule code>, details:{field}}; 401; 403 without the role; 404 for anything unknown or outside the jurisdiction.',
  version: '1',
};

/** Builds the app (HTTP, console, ingestion) without listening; tests use this with their clock. */
export async function createApp(config: EventLineageConfig, clock: Clock = new SystemClock()): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule.forRoot(config, clock), { bufferLogs: true });
  applyHttpDefaults(app, {
    service: SERVICE,
    logLevel: config.LOG_LEVEL,
    openApi: OPEN_API,
  });
  serveConsole(app, consoleDir(config.LINEAGE_CONSOLE_DIR));
  // init first: the topics exist (KAFKA_CREATE_TOPICS) before the consumer subscribes to them
  await app.init();
  await app.get(LineageConsumer).start();
  return app;
}

export const bootstrap = runService(SERVICE, EventLineageConfig, (config) => createApp(config));
