import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Clock, SystemClock } from '@civil/kernel';
import { applyHttpDefaults, runService } from '@civil/platform';
import { AppModule, SERVICE } from './app.module';
import { EventLineageConfig } from './config/event-lineage.config';
import { LineageConsumer } from './ingestion/infrastructure/lineage.consumer';
import { consoleDir, serveConsole } from './static-console/serve-console';

/** Builds the app (HTTP, console, ingestion) without listening; tests use this with their clock. */
export async function createApp(config: EventLineageConfig, clock: Clock = new SystemClock()): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule.forRoot(config, clock), { bufferLogs: true });
  applyHttpDefaults(app, { service: SERVICE, logLevel: config.LOG_LEVEL });
  serveConsole(app, consoleDir(config.LINEAGE_CONSOLE_DIR));
  // init first: the topics exist (KAFKA_CREATE_TOPICS) before the consumer subscribes to them
  await app.init();
  await app.get(LineageConsumer).start();
  return app;
}

export const bootstrap = runService(SERVICE, EventLineageConfig, (config) => createApp(config));
