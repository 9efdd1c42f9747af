import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Clock, SystemClock } from '@civil/kernel';
import { startEventTransport } from '@civil/messaging';
import { applyHttpDefaults, OpenApiOptions, runService } from '@civil/platform';
import { AppModule, SERVICE } from './app.module';
import { InstitutionMonitoringConfig } from './config/institution-monitoring.config';

/** What the OpenAPI document (/docs, /docs-json, docs/openapi/institution-monitoring.openapi.json) says of the service. */
export const OPEN_API: OpenApiOptions = {
  title: 'Institution monitoring (机构监测)',
  description:
    'Registry of supervised units, closed management, residents, daily reports (日报告/零报告) with reporting rates, supplies, vaccination and visits. ' +
    'Events: docs/asyncapi/institution-monitoring.asyncapi.json. Errors: 400 {error:"ValidationFailed", fields:[{field, reasons}]}; 403 outside jurisdiction; 409 {error:<rule code>, message}.',
  version: '1',
};

/** Builds the app (HTTP + event transport) without listening; tests use this with their clock. */
export async function createApp(config: InstitutionMonitoringConfig, clock: Clock = new SystemClock()): Promise<INestApplication> {
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

export const bootstrap = runService(SERVICE, InstitutionMonitoringConfig, (config) => createApp(config));
