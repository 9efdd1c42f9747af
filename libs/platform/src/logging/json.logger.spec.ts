import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { context, trace, TraceFlags } from '@opentelemetry/api';
import { createLogger } from './context.logger';
import { JsonLogger } from './json.logger';

function capture(): { lines: Record<string, unknown>[]; destination: { write(s: string): void } } {
  const lines: Record<string, unknown>[] = [];
  return { lines, destination: { write: (s: string) => lines.push(JSON.parse(s)) } };
}

describe('JsonLogger', () => {
  it('writes one JSON line with level, time, service, context and msg', () => {
    const { lines, destination } = capture();
    const logger = new JsonLogger('supervision', { level: 'info', destination });
    logger.log('Nest application successfully started', 'NestApplication');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 'info',
      service: 'supervision',
      context: 'NestApplication',
      msg: 'Nest application successfully started',
    });
    expect(new Date(lines[0].time as string).toISOString()).toBe(lines[0].time);
    expect(lines[0]).not.toHaveProperty('trace_id');
  });

  it('follows Nest calling conventions for errors, objects and verbosity', () => {
    const { lines, destination } = capture();
    const logger = new JsonLogger('relief', { level: 'debug', destination });
    const stack = 'Error: boom\n    at handler (x.ts:1:1)';
    logger.error('boom', stack, 'ExceptionsHandler');
    logger.error('lonely stack', stack);
    logger.warn({ msg: 'slow relay', lagMs: 900 }, 'OutboxRelay');
    logger.verbose('too chatty');
    logger.debug('kept');
    expect(lines.map((l) => l.level)).toEqual(['error', 'error', 'warn', 'debug']);
    expect(lines[0]).toMatchObject({ msg: 'boom', stack, context: 'ExceptionsHandler' });
    expect(lines[1]).toMatchObject({ msg: 'lonely stack', stack });
    expect(lines[1]).not.toHaveProperty('context');
    expect(lines[2]).toMatchObject({ msg: 'slow relay', lagMs: 900, context: 'OutboxRelay' });

    logger.setLogLevels(['error', 'warn']);
    logger.log('hidden');
    expect(logger.level).toBe('warn');
    expect(lines).toHaveLength(4);
  });

  it('takes its level from LOG_LEVEL', () => {
    const before = process.env.LOG_LEVEL;
    process.env.LOG_LEVEL = 'error';
    try {
      expect(new JsonLogger('x', { destination: capture().destination }).level).toBe('error');
      process.env.LOG_LEVEL = 'nonsense';
      expect(new JsonLogger('x', { destination: capture().destination }).level).toBe('info');
    } finally {
      if (before === undefined) delete process.env.LOG_LEVEL;
      else process.env.LOG_LEVEL = before;
    }
  });

  it('adds the ids of the active span', () => {
    const manager = new AsyncLocalStorageContextManager().enable();
    context.setGlobalContextManager(manager);
    try {
      const { lines, destination } = capture();
      const logger = new JsonLogger('funeral', { destination });
      const spanContext = { traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', traceFlags: TraceFlags.SAMPLED };
      context.with(trace.setSpan(context.active(), trace.wrapSpanContext(spanContext)), () => logger.log('inside'));
      logger.log('outside');
      expect(lines[0]).toMatchObject({ msg: 'inside', trace_id: spanContext.traceId, span_id: spanContext.spanId });
      expect(lines[1]).not.toHaveProperty('trace_id');
    } finally {
      context.disable();
      manager.disable();
    }
  });
});

describe('createLogger', () => {
  it('logs with fields outside Nest, masking credentials that slip in', () => {
    const { lines, destination } = capture();
    const log = createLogger('institution-monitoring', 'ConsumerRunner', { destination, level: 'debug' });
    log.info('batch done', { topic: 'a.b.v1', count: 3 });
    log.debug('detail');
    log.warn('retrying', { headers: { authorization: 'Bearer abc' } });
    log.error('dead-lettered', { err: new Error('bad payload') });
    expect(lines.map((l) => l.level)).toEqual(['info', 'debug', 'warn', 'error']);
    expect(lines[0]).toMatchObject({
      service: 'institution-monitoring',
      context: 'ConsumerRunner',
      msg: 'batch done',
      topic: 'a.b.v1',
      count: 3,
    });
    expect(lines[2]).toMatchObject({ headers: { authorization: '[redacted]' } });
    expect(lines[3]).toMatchObject({ err: { message: 'bad payload', type: 'Error' } });
  });
});
