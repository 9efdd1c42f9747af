import { isSpanContextValid, trace } from '@opentelemetry/api';
import pino, { DestinationStream, Logger } from 'pino';
import { LOG_LEVELS, LogLevelName } from '../config/base-service.config';

export type LoggerLevel = LogLevelName;

export interface LoggerOptions {
  /** Defaults to LOG_LEVEL, then 'info'. */
  level?: string;
  /**
   * Defaults to the file LOG_FILE names (appended), else stdout; written synchronously either way
   * so the last lines before a crash are not lost.
   */
  destination?: DestinationStream;
}

// one open file per path, shared by every root that logs to it
const files = new Map<string, DestinationStream>();

function defaultDestination(): DestinationStream {
  const file = process.env.LOG_FILE?.trim();
  if (!file) return pino.destination({ dest: 1, sync: true });
  const open = files.get(file) ?? pino.destination({ dest: file, sync: true, mkdir: true, append: true });
  files.set(file, open);
  return open;
}

export function resolveLogLevel(level: string | undefined = process.env.LOG_LEVEL): LoggerLevel {
  const wanted = level?.trim().toLowerCase();
  return (LOG_LEVELS as readonly string[]).includes(wanted ?? '') ? (wanted as LoggerLevel) : 'info';
}

/** Puts the active span's ids on every line, so a log line leads to its trace and back. */
export function activeTraceFields(): { trace_id?: string; span_id?: string } {
  const context = trace.getActiveSpan()?.spanContext();
  if (!context || !isSpanContextValid(context)) return {};
  return { trace_id: context.traceId, span_id: context.spanId };
}

/**
 * A safety net, not the policy: personal identifiers and credentials must not be logged at all
 * (ARCHITECTURE.md, Data), but if one slips into these well-known fields it is masked.
 */
const REDACTED_PATHS = ['authorization', 'idNumber', 'phone', '*.authorization', '*.idNumber', '*.phone', 'headers.authorization'];

/** One JSON object per line: level, time, service, context, msg, trace_id, span_id, fields. */
export function createRootLogger(service: string, options: LoggerOptions = {}): Logger {
  return pino(
    {
      level: resolveLogLevel(options.level),
      base: { service },
      messageKey: 'msg',
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin: activeTraceFields,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    },
    options.destination ?? defaultDestination(),
  );
}
