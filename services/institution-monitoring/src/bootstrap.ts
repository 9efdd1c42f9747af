import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Clock, SystemClock } from '@civil/kernel';
import { startEventTransport } from '@civil/messaging';
import { applyHttpDefaults, runService } from '@civil/platform';
import { AppModule, SERVICE } from './app.module';
import { InstitutionMonitoringConfig } from './config/institution-monitoring.config';

/** Builds the app (HTTP + event transport) without listening; tests use this with their clock. */
export async function createApp(config: InstitutionMonitoringConfig, clock: Clock = new SystemClock()): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule.forRoot(config, clock), { bufferLogs: true });
  applyHttpDefaults(app, { service: SERVICE, logLevel: config.LOG_LEVEL });
  // init first: topics exist and the outbox relay runs before the first event is consumed
  await app.init();
  await startEventTransport(app);
  return app;
}

export const bootstrap = runService(SERVICE, InstitutionMonitoringConfig, (config) => createApp(config));
