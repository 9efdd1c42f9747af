// Imported first by the browser test, before Nest and the http module load, as main.ts does:
// the services in the test process export their spans to Zipkin, which the console links to.
import { startTracing } from '@civil/platform/tracing';

export const zipkinUrl = (process.env.ZIPKIN_URL ?? 'http://127.0.0.1:9411').replace(/\/+$/, '');
export const tracing = startTracing('browser-console', { zipkinUrl });
