import { FactoryProvider, InjectionToken } from '@nestjs/common';

/**
 * Something the service needs before it should receive traffic (the database answers, the broker
 * is reachable). `check` resolves when ready and throws, with a reason, when not.
 */
export interface ReadinessCheck {
  name: string;
  /** Resolves with optional details shown under the check's name; throws (an Error with `details`) when down. */
  check: () => Promise<void | Record<string, unknown>>;
}

/** A readiness failure that carries details for the probe's answer. */
export class NotReady extends Error {
  constructor(
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'NotReady';
  }
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
        const result = await check(...(deps as Deps));
        return result && typeof result === 'object' ? (result as Record<string, unknown>) : undefined;
      },
    }),
    inject,
  };
}

export function isReadinessCheckProvider(value: ReadinessCheck | ReadinessCheckProvider): value is ReadinessCheckProvider {
  return 'provide' in value && 'useFactory' in value;
}

/** A check that hangs would hang the probe with it; past the limit it counts as down. */
export async function runWithTimeout(check: ReadinessCheck, timeoutMs: number): Promise<void | Record<string, unknown>> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([check.check(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
