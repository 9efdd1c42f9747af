import { context, propagation, ROOT_CONTEXT, SpanKind, trace } from '@opentelemetry/api';

interface MinimalRequest {
  method: string;
  originalUrl?: string;
  url?: string;
  headers: Record<string, string | string[] | undefined>;
}
interface MinimalResponse {
  statusCode: number;
  once(event: 'finish' | 'close', listener: () => void): unknown;
}

/**
 * Continues the caller's trace (W3C `traceparent`) for the rest of the request when no HTTP span
 * is active — the http instrumentation makes one in a service started by main.ts, but not where
 * node:http was loaded before tracing started (a test runner, an embedding process). Events
 * written during the request then carry the caller's trace either way.
 */
export function continueTraceMiddleware(req: MinimalRequest, res: MinimalResponse, next: () => void): void {
  if (trace.getActiveSpan()) return next();
  const parent = propagation.extract(ROOT_CONTEXT, req.headers);
  const route = (req.originalUrl ?? req.url ?? '').split('?')[0];
  const span = trace
    .getTracer('@civil/platform')
    .startSpan(
      `${req.method} ${route}`,
      { kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method, 'url.path': route } },
      parent,
    );
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    span.setAttribute('http.response.status_code', res.statusCode);
    span.end();
  };
  res.once('finish', end);
  res.once('close', end);
  context.with(trace.setSpan(parent, span), next);
}
