import { context, isSpanContextValid, propagation, trace } from '@opentelemetry/api';
import { startTracing } from './tracing.bootstrap';

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
