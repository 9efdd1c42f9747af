import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Clock, SystemClock } from '@civil/kernel';
import { startEventTransport } from '@civil/messaging';
import { applyHttpDefaults, OpenApiOptions, runService } from '@civil/platform';
import { AppModule, SERVICE } from './app.module';
import { FuneralOperationsConfig } from './config/funeral-operations.config';

/** What the OpenAPI document (/docs, /docs-json, docs/openapi/funeral-operations.openapi.json) says of the service. */
export const OPEN_API: OpenApiOptions = {
  title: 'Funeral operations (殡葬服务)',
  description:
    'Funeral homes and their equipment, cases from intake to remains released with a custody log, the infectious-disease protocol, cremation scheduling and capacity, ' +
    'daily maintenance checks, disinfection rounds, ceremony suspension orders and fee waivers. Events: docs/asyncapi/funeral-operations.asyncapi.json.',
  version: '1',
};

/** Builds the app (HTTP + event transport) without listening; tests use this with their clock. */
export async function createApp(config: FuneralOperationsConfig, clock: Clock = new SystemClock()): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule.forRoot(config, clock), { bufferLogs: true });
  applyHttpDefaults(app, {
    service: SERVICE,
    logLevel: config.LOG_LEVEL,
    openApi: OPEN_API,
  });
  // init first: topics exist and the outbox relay runs before the first event is consumed
  await app.init();
  await startEventTransport(app);
  return app;
}

export const bootstrap = runService(SERVICE, FuneralOperationsConfig, (config) => createApp(config));
