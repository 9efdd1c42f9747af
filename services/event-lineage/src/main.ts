// Tracing starts before anything else is loaded, so http and mongodb are instrumented.
import { startTracing } from '@civil/platform/tracing';

const tracing = startTracing('event-lineage', { otlpEndpoint: process.env.OTEL_EXPORTER_OTLP_ENDPOINT, zipkinUrl: process.env.ZIPKIN_URL });

void import('./bootstrap').then(({ bootstrap }) => bootstrap(tracing));
