import { FactoryProvider, InjectionToken } from '@nestjs/common';

/**
 * Something the service needs before it should receive traffic (the database answers, the broker
 * is reachable). `check` resolves when ready and throws, with a reason, when not.
 */
export interface ReadinessCheck {
  name: string;
  check: () => Promise<void>;
}

/** The checks `/health/ready` runs, in order. */
export const READINESS_CHECKS = Symbol('READINESS_CHECKS');

export type ReadinessCheckProvider = FactoryProvider<ReadinessCheck>;

/**
 * A readiness check built from injected dependencies, for `HealthModule.forRoot({ checks })`:
 *
 *   readinessCheck('mongo', (db: Connection) => db.db!.admin().ping().then(() => undefined), [getConnectionToken()])
 */
export function readinessCheck<Deps extends unknown[]>(
  name: string,
  check: (...deps: Deps) => Promise<unknown>,
  inject: InjectionToken[] = [],
): ReadinessCheckProvider {
  return {
    provide: Symbol(`readiness-check:${name}`),
    useFactory: (...deps: unknown[]): ReadinessCheck => ({
      name,
      check: async () => {
        await check(...(deps as Deps));
      },
    }),
    inject,
  };
}

export function isReadinessCheckProvider(value: ReadinessCheck | ReadinessCheckProvider): value is ReadinessCheckProvider {
  return 'provide' in value && 'useFactory' in value;
}

/** A check that hangs would hang the probe with it; past the limit it counts as down. */
export async function runWithTimeout(check: ReadinessCheck, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([check.check(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
