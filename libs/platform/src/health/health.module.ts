import { DynamicModule, Module, ModuleMetadata } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HEALTH_OPTIONS, HealthController, HealthOptions } from './health.controller';
import { isReadinessCheckProvider, READINESS_CHECKS, ReadinessCheck, ReadinessCheckProvider } from './readiness-check';

export interface HealthModuleOptions {
  /** Ready-made checks, or providers from `readinessCheck(name, fn, inject)`. */
  checks?: Array<ReadinessCheck | ReadinessCheckProvider>;
  /** Modules whose providers the checks inject, when those are not global. */
  imports?: ModuleMetadata['imports'];
  /** Default 3000. */
  checkTimeoutMs?: number;
  /** Time to keep serving (and answering not-ready) after a shutdown signal; default 0. */
  gracefulShutdownTimeoutMs?: number;
}

/** `GET /health/live` and `GET /health/ready`, both public. */
@Module({})
export class HealthModule {
  static forRoot(options: HealthModuleOptions = {}): DynamicModule {
    const entries = options.checks ?? [];
    const providers = entries.filter(isReadinessCheckProvider);
    return {
      module: HealthModule,
      imports: [
        TerminusModule.forRoot({ errorLogStyle: 'json', gracefulShutdownTimeoutMs: options.gracefulShutdownTimeoutMs ?? 0 }),
        ...(options.imports ?? []),
      ],
      controllers: [HealthController],
      providers: [
        ...providers,
        {
          provide: READINESS_CHECKS,
          // Keeps the order the service listed, mixing ready-made checks and injected ones.
          useFactory: (...built: ReadinessCheck[]): ReadinessCheck[] => {
            const queue = [...built];
            return entries.map((e) => (isReadinessCheckProvider(e) ? queue.shift()! : e));
          },
          inject: providers.map((p) => p.provide),
        },
        { provide: HEALTH_OPTIONS, useValue: { checkTimeoutMs: options.checkTimeoutMs ?? 3000 } satisfies HealthOptions },
      ],
      exports: [READINESS_CHECKS],
    };
  }
}
