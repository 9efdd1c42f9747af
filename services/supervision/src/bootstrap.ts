import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Clock, SystemClock } from '@civil/kernel';
import { startEventTransport } from '@civil/messaging';
import { applyHttpDefaults, OpenApiOptions, runService } from '@civil/platform';
import { AppModule, SERVICE } from './app.module';
import { SupervisionConfig } from './config/supervision.config';

/** What the OpenAPI document (/docs, /docs-json, docs/openapi/supervision.openapi.json) says of the service. */
export const OPEN_API: OpenApiOptions = {
  title: 'Supervision (督查)',
  description:
    'Signal-driven cases on timed escalation ladders, inspections by mode with the scope × severity grid, the rectification issue list to sign-off (销号), ' +
    'inspection targets and checklists, 举一反三 self-inspection tasks, accountability cases (问责) with their evidence chain, directives, coverage and workload. ' +
    'Events: docs/asyncapi/supervision.asyncapi.json.',
  version: '1',
};

/** Builds the app (HTTP + event consumers) without listening; tests use this with their clock. */
export async function createApp(config: SupervisionConfig, clock: Clock = new SystemClock()): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule.forRoot(config, clock), { bufferLogs: true });
  applyHttpDefaults(app, { service: SERVICE, logLevel: config.LOG_LEVEL, openApi: OPEN_API });
  // init first: topics exist and the outbox relay runs before the first event is consumed
  await app.init();
  await startEventTransport(app);
  return app;
}

export const bootstrap = runService(SERVICE, SupervisionConfig, (config) => createApp(config));
