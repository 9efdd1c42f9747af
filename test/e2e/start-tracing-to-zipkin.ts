// Imported first by the Zipkin trace test, before Nest and the http module load, as main.ts does.
import { startTracing } from '@civil/platform/tracing';

export const zipkinUrl = process.env.ZIPKIN_URL ?? 'http://127.0.0.1:9411';
export const tracing = startTracing('e2e-zipkin-trace', { zipkinUrl });
