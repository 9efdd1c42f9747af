// Imported first by the tracing test, before Nest and the http module load, as main.ts does.
import { startTracing } from '@civil/platform/tracing';

export const tracing = startTracing('e2e-trace-test');
