import { DynamicModule, Inject, Injectable, Module, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { Clock } from '@civil/kernel';
import { PeriodicTask } from '../bootstrap/periodic-task';
import { InjectClock } from '../clock/clock.module';
import { createLogger } from '../logging/context.logger';
import { IdempotencyInterceptor } from './idempotency.interceptor';
import { IdempotencyStore } from './idempotency.store';

/** How often expired idempotency records are removed. */
export const IDEMPOTENCY_PURGE_INTERVAL_MS = 60 * 60 * 1000;

const IDEMPOTENCY_OPTIONS = Symbol('IDEMPOTENCY_OPTIONS');

export interface IdempotencyOptions {
  /** Service name, for the purge's log lines. */
  service: string;
  logLevel?: string;
}

/** Removes expired idempotency records every hour (the embedded database does not act on TTL indexes). */
@Injectable()
export class IdempotencyPurge implements OnModuleInit, OnModuleDestroy {
  private readonly task: PeriodicTask;

  constructor(store: IdempotencyStore, @InjectClock() clock: Clock, @Inject(IDEMPOTENCY_OPTIONS) options: IdempotencyOptions) {
    const log = createLogger(options.service, 'idempotency', { level: options.logLevel });
    this.task = new PeriodicTask(
      'idempotency purge',
      IDEMPOTENCY_PURGE_INTERVAL_MS,
      async () => ({ purged: await store.purgeExpired(clock.now()) }),
      log,
    );
  }

  onModuleInit(): void {
    this.task.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.task.stop();
  }
}

/** `Idempotency-Key` on every POST of the service (see IdempotencyInterceptor), kept in its own database. */
@Module({})
export class IdempotencyModule {
  static forRoot(options: IdempotencyOptions): DynamicModule {
    return {
      module: IdempotencyModule,
      providers: [
        { provide: IDEMPOTENCY_OPTIONS, useValue: options },
        IdempotencyStore,
        IdempotencyPurge,
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
      ],
      exports: [IdempotencyStore],
    };
  }
}
