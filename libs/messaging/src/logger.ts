import { appendFileSync } from 'node:fs';

/** The little logging this library needs; services pass their JSON logger. */
export interface MessagingLogger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** One JSON line to the file LOG_FILE names (appended), else to stdout. */
function write(level: string, message: string, fields?: Record<string, unknown>): void {
  const line = JSON.stringify({ level, time: new Date().toISOString(), context: 'messaging', msg: message, ...fields }) + '\n';
  const file = process.env.LOG_FILE?.trim();
  if (file) appendFileSync(file, line);
  else process.stdout.write(line);
}

export const consoleJsonLogger: MessagingLogger = {
  debug: () => undefined,
  info: (m, f) => write('info', m, f),
  warn: (m, f) => write('warn', m, f),
  error: (m, f) => write('error', m, f),
};

const ignore = (): void => undefined;

/** For command-line tools whose output is their result, not the client's chatter. */
export const silentLogger: MessagingLogger = { debug: ignore, info: ignore, warn: ignore, error: ignore };
