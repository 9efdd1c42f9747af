import { context, isSpanContextValid, propagation, trace } from '@opentelemetry/api';
import { startTracing, statementShape } from './tracing.bootstrap';

describe('startTracing', () => {
  it('creates real, propagated span ids without exporting anywhere', async () => {
    const handle = startTracing('test-service');
    try {
      const tracer = trace.getTracer('spec');
      const carrier: Record<string, string> = {};
      let traceId = '';
      tracer.startActiveSpan('work', (span) => {
        expect(trace.getActiveSpan()).toBe(span);
        traceId = span.spanContext().traceId;
        expect(isSpanContextValid(span.spanContext())).toBe(true);
        propagation.inject(context.active(), carrier);
        span.end();
      });
      expect(carrier.traceparent).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));
    } finally {
      await handle.shutdown();
    }
  });

  it('can be called twice, and started again after shutdown', async () => {
    const first = startTracing('twice', { otlpEndpoint: 'http://127.0.0.1:1' });
    const second = startTracing('twice');
    expect(second).toBe(first);
    await first.shutdown();
    await second.shutdown();

    const again = startTracing('again');
    try {
      expect(again).not.toBe(first);
      const span = trace.getTracer('spec').startSpan('x');
      expect(isSpanContextValid(span.spanContext())).toBe(true);
      span.end();
    } finally {
      await again.shutdown();
    }
  });
});

describe('statementShape (db.statement of MongoDB spans)', () => {
  it('keeps a command’s fields, replaces every value by ?, arrays by their length, and stays short', () => {
    const insert = {
      insert: 'entitlements',
      documents: [{ _id: 'r#1', items: Array.from({ length: 500 }, (_, i) => ({ beneficiaryRef: `p-${i}`, divisionCode: '330521101' })) }],
      ordered: true,
    };
    expect(statementShape(insert)).toBe('{"insert":"?","documents":"[1]","ordered":"?"}');
    const update = {
      update: 'persons',
      updates: [{ q: { _id: 'p-1', version: 3 } }],
      filter: { name: '张三', nested: { deeper: { deepest: { idNumber: '330521195001011234' } } } },
    };
    const text = statementShape(update);
    expect(text).toBe('{"update":"?","updates":"[1]","filter":{"name":"?","nested":{"deeper":"{…}"}}}');
    expect(text).not.toContain('张三');
    const wide = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`field-with-a-rather-long-name-${i}`.repeat(3), { a: 1, b: 2 }]));
    expect(statementShape(wide).length).toBeLessThanOrEqual(1_000);
  });
});
