import { randomBytes } from 'node:crypto';
import { bearer, createRunTopics, isolatedRun, waitFor } from '@civil/testing';
import { ServiceProcess } from '../fault/support/service-process';

interface ZipkinSpan {
  traceId: string;
  id: string;
  parentId?: string;
  name: string;
  kind?: 'SERVER' | 'CLIENT' | 'PRODUCER' | 'CONSUMER';
  localEndpoint?: { serviceName?: string };
  tags?: Record<string, string>;
}

const zipkinUrl = process.env.ZIPKIN_URL ?? 'http://127.0.0.1:9411';

/**
 * The database calls of a request, in its trace in Zipkin: institution monitoring runs as its own
 * process from the compiled tree (`npm run build`), as `npm start` runs it, so its MongoDB driver
 * is instrumented; registering a unit shows the HTTP request and, under it, the MongoDB calls that
 * stored it (CLIENT spans tagged `db.system=mongodb`), all under the caller's trace id.
 */
describe('one trace in Zipkin from an HTTP request into the database', () => {
  const run = isolatedRun('e2e-zipkin-db');
  const admin = { sub: 'ops', roles: ['admin' as const], jurisdiction: '33' };
  const traceId = randomBytes(16).toString('hex'); // a fresh trace each run: Zipkin keeps earlier ones
  const callerSpanId = randomBytes(8).toString('hex');
  const monitoring = new ServiceProcess('institution-monitoring', run, { ZIPKIN_URL: zipkinUrl });

  beforeAll(async () => {
    await createRunTopics(run);
    await monitoring.start();
  }, 120_000);

  afterAll(async () => {
    // SIGTERM: the service shuts down, and its span exporter sends what it still holds
    await monitoring.stop();
  }, 60_000);

  it('stores the request and the MongoDB calls it made under the request’s trace id', async () => {
    const res = await fetch(`${monitoring.baseUrl}/institutions`, {
      method: 'POST',
      headers: { ...bearer(admin), 'content-type': 'application/json', traceparent: `00-${traceId}-${callerSpanId}-01` },
      body: JSON.stringify({
        unitId: 'zipkin-db-unit',
        name: '德清县链路数据库养老院',
        unitType: 'elderly-care-home',
        operator: 'public',
        divisionCode: '330521101',
        beds: 10,
        bedsInUse: 8,
      }),
    });
    expect(res.status).toBe(201);

    // the path under the stable HTTP attribute name or the older one (the service's instrumentation writes http.target)
    const isServer = (s: ZipkinSpan) => s.kind === 'SERVER' && (s.tags?.['url.path'] ?? s.tags?.['http.target']) === '/institutions';
    const isDatabase = (s: ZipkinSpan) => s.kind === 'CLIENT' && s.tags?.['db.system'] === 'mongodb';
    // the service exports in batches (every few seconds): wait until the request and a database call are in
    const spans = await waitFor(
      `the trace ${traceId} in Zipkin with the request and a MongoDB call`,
      async () => {
        const answer = await fetch(`${zipkinUrl}/api/v2/trace/${traceId}`);
        if (answer.status !== 200) return undefined;
        const found = (await answer.json()) as ZipkinSpan[];
        return found.some(isServer) && found.some(isDatabase) ? found : undefined;
      },
      45_000,
      500,
    );

    expect(spans.every((s) => s.traceId === traceId)).toBe(true);
    const server = spans.find(isServer)!;
    expect(server.parentId).toBe(callerSpanId);
    expect(server.localEndpoint?.serviceName).toBe('institution-monitoring');
    expect(server.tags?.['http.response.status_code'] ?? server.tags?.['http.status_code']).toBe('201');

    // every MongoDB call of the request is a CLIENT span of the service, a descendant of the request
    const byId = new Map(spans.map((s) => [s.id, s]));
    const database = spans.filter(isDatabase);
    expect(database.length).toBeGreaterThanOrEqual(1);
    for (const call of database) {
      expect(call.localEndpoint?.serviceName).toBe('institution-monitoring');
      const ancestors: string[] = [];
      for (let s: ZipkinSpan | undefined = call; s?.parentId; s = byId.get(s.parentId)) ancestors.push(s.parentId);
      expect(ancestors).toContain(server.id);
    }
    // the write that stored the unit is among them
    expect(database.map((s) => s.name).join(' ')).toMatch(/insert|update|findAndModify|bulkWrite/);
  }, 90_000);
});
