import { LoggerService, LogLevel } from '@nestjs/common';
import type { Logger } from 'pino';
import { createRootLogger, LoggerLevel, LoggerOptions } from './pino-root.factory';

const PINO_LEVEL: Record<LogLevel, LoggerLevel> = {
  fatal: 'fatal',
  error: 'error',
  warn: 'warn',
  log: 'info',
  debug: 'debug',
  verbose: 'trace',
};
const VERBOSITY: LoggerLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'];

/**
 * Nest's logger, writing JSON lines through pino. Install it with `app.useLogger(...)` (see
 * applyHttpDefaults) after creating the app with `bufferLogs: true`, so start-up lines are JSON too.
 */
export class JsonLogger implements LoggerService {
  private readonly root: Logger;

  constructor(
    readonly service: string,
    options: LoggerOptions = {},
  ) {
    this.root = createRootLogger(service, options);
  }

  get level(): LoggerLevel {
    return this.root.level as LoggerLevel;
  }

  log(message: unknown, ...params: unknown[]): void {
    this.write('log', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('verbose', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  /** Nest passes the enabled levels; pino wants the most verbose one. */
  setLogLevels(levels: LogLevel[]): void {
    const enabled = levels.map((l) => PINO_LEVEL[l]);
    const most = [...VERBOSITY].reverse().find((l) => enabled.includes(l));
    this.root.level = most ?? 'silent';
  }

  /**
   * Nest's calling convention: (message, ...extras, context?) and, for errors, (message, stack?,
   * context?). The trailing string is the context, unless it is the only extra of an error and
   * looks like a stack trace.
   */
  private write(level: LogLevel, message: unknown, params: unknown[]): void {
    const extras = [...params];
    const fields: Record<string, unknown> = {};
    const last = extras[extras.length - 1];
    if (typeof last === 'string' && !(level === 'error' && extras.length === 1 && isStack(last))) {
      fields.context = extras.pop();
    }
    for (const extra of extras) {
      if (typeof extra === 'string' && isStack(extra)) fields.stack = extra;
      else if (extra instanceof Error) fields.err = extra;
      else if (extra && typeof extra === 'object') Object.assign(fields, extra);
      else if (extra !== undefined) fields.detail = extra;
    }

    let msg: string;
    if (message instanceof Error) {
      msg = message.message;
      fields.stack ??= message.stack;
    } else if (message && typeof message === 'object') {
      const { msg: m, message: mm, ...rest } = message as Record<string, unknown>;
      Object.assign(fields, rest);
      msg = String(m ?? mm ?? '');
    } else {
      msg = String(message);
    }
    this.root[PINO_LEVEL[level]](fields, msg);
  }
}

function isStack(value: string): boolean {
  return /\n\s+at /.test(value);
}
