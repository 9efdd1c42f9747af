import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Clock, SystemClock } from '@civil/kernel';
import { startEventTransport } from '@civil/messaging';
import { applyHttpDefaults, OpenApiOptions, runService } from '@civil/platform';
import { AppModule, SERVICE } from './app.module';
import { SocialReliefConfig } from './config/social-relief.config';

/** What the OpenAPI document (/docs, /docs-json, docs/openapi/social-relief.openapi.json) says of the service. */
export const OPEN_API: OpenApiOptions = {
  title: 'Social relief (社会救助)',
  description:
    'Key-person lists (重点人群清单) and visits, households and their category by rule, relief applications (申请 → 受理 → 审核 → 认定 → 发放), benefit rounds, phase-out and area risk levels. ' +
    'Events: docs/asyncapi/social-relief.asyncapi.json. ID numbers are validated (GB 11643), stored encrypted, shown masked and never leave the service.',
  version: '1',
};

/** Builds the app (HTTP + event transport) without listening; tests use this with their clock. */
export async function createApp(config: SocialReliefConfig, clock: Clock = new SystemClock()): Promise<INestApplication> {
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

export const bootstrap = runService(SERVICE, SocialReliefConfig, (config) => createApp(config));
