import type { Logger } from 'pino';
import { createRootLogger, LoggerOptions } from './pino-root.factory';

export type LogFields = Record<string, unknown>;

/** A logger for code that runs outside Nest's DI (consumer runners, relays, scripts). */
export interface ContextLogger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

// One pino root per service and level on stdout, not one open stream per call site.
const roots = new Map<string, Logger>();

export function createLogger(service: string, context: string, options: LoggerOptions = {}): ContextLogger {
  let root: Logger;
  if (options.destination) {
    root = createRootLogger(service, options);
  } else {
    const key = `${service}\u0000${options.level ?? ''}`;
    root = roots.get(key) ?? createRootLogger(service, options);
    roots.set(key, root);
  }
  const child = root.child({ context });
  return {
    debug: (msg, fields) => child.debug(fields ?? {}, msg),
    info: (msg, fields) => child.info(fields ?? {}, msg),
    warn: (msg, fields) => child.warn(fields ?? {}, msg),
    error: (msg, fields) => child.error(fields ?? {}, msg),
  };
}
