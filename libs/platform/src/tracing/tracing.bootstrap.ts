import { propagation, context, trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { ZipkinExporter } from '@opentelemetry/exporter-zipkin';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { MongoDBInstrumentation } from '@opentelemetry/instrumentation-mongodb';
import { core, NodeSDK, tracing } from '@opentelemetry/sdk-node';

export interface TracingOptions {
  /** OTLP/HTTP collector base URL (OTEL_EXPORTER_OTLP_ENDPOINT); spans go to `<url>/v1/traces`. */
  otlpEndpoint?: string;
  /**
   * Zipkin base URL (ZIPKIN_URL, e.g. http://127.0.0.1:9411, the local default that
   * deploy/local/zipkin.sh starts); spans go to `<url>/api/v2/spans`. Both may be set: spans
   * then go to each.
   */
  zipkinUrl?: string;
}

export interface TracingHandle {
  /** Sends the spans the exporters still buffer now, instead of at their next scheduled batch. */
  flush(): Promise<void>;
  /** Flushes spans still buffered and stops tracing; safe to call more than once. */
  shutdown(): Promise<void>;
}

let running: TracingHandle | undefined;

/**
 * Starts OpenTelemetry. Call it first in main.ts, before Nest, mongoose or http are imported,
 * so their modules are patched as they load.
 *
 * Without an endpoint or Zipkin URL spans are still created and sampled, so trace_id/span_id appear in logs and
 * in the traceparent headers that messaging writes, but nothing is exported.
 *
 * Kafka is deliberately not instrumented here: libs/messaging makes the `<topic> publish` /
 * `<topic> receive` spans itself and carries `traceparent` in message headers, which
 * kafkajs auto-instrumentation would duplicate.
 */
export function startTracing(serviceName: string, options: TracingOptions = {}): TracingHandle {
  // A second call (tests, or a library starting it defensively) must not register the global
  // providers twice, which the API refuses with an error, or patch modules twice.
  if (running) return running;

  const instrumentations = [
    new HttpInstrumentation({
      // Probes arrive every few seconds and would bury real requests in the tracing backend.
      ignoreIncomingRequestHook: (req) => (req.url ?? '').startsWith('/health/'),
    }),
    // Statement values stay out of spans: they can hold personal identifiers.
    new MongoDBInstrumentation({ enhancedDatabaseReporting: false, dbStatementSerializer: statementShape }),
  ];
  const exporting: tracing.SpanProcessor[] = [];
  if (options.otlpEndpoint) exporting.push(new tracing.BatchSpanProcessor(new OTLPTraceExporter({ url: tracesUrl(options.otlpEndpoint) })));
  if (options.zipkinUrl) {
    exporting.push(new tracing.BatchSpanProcessor(new ZipkinExporter({ url: zipkinSpansUrl(options.zipkinUrl), serviceName })));
  }
  const processors = exporting.length > 0 ? exporting : [new tracing.NoopSpanProcessor()];

  const sdk = new NodeSDK({
    serviceName,
    instrumentations,
    // The SDK only registers its tracer provider when it has a processor; the no-op one keeps
    // real, propagated ids without an exporter.
    spanProcessors: processors,
    textMapPropagator: new core.W3CTraceContextPropagator(),
    // Logs and metrics are not exported through OpenTelemetry (logs go to stdout as JSON); an
    // empty list stops the SDK from defaulting to an OTLP log exporter.
    logRecordProcessors: [],
  });
  sdk.start();

  let stopped: Promise<void> | undefined;
  const handle: TracingHandle = {
    flush: async () => {
      await Promise.all(processors.map((p) => p.forceFlush()));
    },
    shutdown: () =>
      (stopped ??= sdk.shutdown().finally(() => {
        for (const i of instrumentations) i.disable();
        // Let a later startTracing (the next test, say) register afresh.
        trace.disable();
        context.disable();
        propagation.disable();
        if (running === handle) running = undefined;
      })),
  };
  running = handle;
  return handle;
}

function tracesUrl(endpoint: string): string {
  const base = endpoint.replace(/\/+$/, '');
  return base.endsWith('/v1/traces') ? base : `${base}/v1/traces`;
}

function zipkinSpansUrl(url: string): string {
  const base = url.replace(/\/+$/, '');
  return base.endsWith('/api/v2/spans') ? base : `${base}/api/v2/spans`;
}

/**
 * A command's shape for `db.statement`: its fields a few levels deep with every value replaced by
 * "?" and arrays by their length. The instrumentation's own scrubbing walks and serialises the
 * whole command, which for a benefit round's bucket of 500 entitlements is a few hundred
 * kilobytes per insert in a span attribute; this stays under 1 KB.
 */
export function statementShape(command: Record<string, unknown>): string {
  const shape = (value: unknown, depth: number): unknown => {
    if (Array.isArray(value)) return `[${value.length}]`;
    if (typeof value !== 'object' || value === null) return '?';
    if (depth === 0) return '{…}';
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .slice(0, 20)
        .map(([k, v]) => [k, shape(v, depth - 1)]),
    );
  };
  const text = JSON.stringify(shape(command, 3));
  return text.length > 1_000 ? `${text.slice(0, 999)}…` : text;
}
