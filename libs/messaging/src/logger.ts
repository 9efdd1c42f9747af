/** The little logging this library needs; services pass their JSON logger. */
export interface MessagingLogger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

function write(level: string, message: string, fields?: Record<string, unknown>): void {
  process.stdout.write(JSON.stringify({ level, time: new Date().toISOString(), context: 'messaging', msg: message, ...fields }) + '\n');
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
