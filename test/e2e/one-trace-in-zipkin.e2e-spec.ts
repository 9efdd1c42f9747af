import { tracing, zipkinUrl } from './start-tracing-to-zipkin';
import { INestApplication } from '@nestjs/common';
import { CaseOpenedV1, CaseTopic, DailyReportTopic, ReportMissedV1 } from '@civil/contracts';
import { SettableClock } from '@civil/kernel';
import { TopicNames } from '@civil/messaging';
import { bearer, isolatedRun, TopicRecorder, waitFor } from '@civil/testing';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { BothServices, startBothServices } from './both-services';

interface ZipkinSpan {
  traceId: string;
  id: string;
  parentId?: string;
  name: string;
  kind?: 'SERVER' | 'CLIENT' | 'PRODUCER' | 'CONSUMER';
  localEndpoint?: { serviceName?: string };
  tags?: Record<string, string>;
}

/**
 * The trace of a missed report, as an analyst opens it in Zipkin (deploy/local/zipkin.sh): the
 * HTTP request that ran the sweep, the ReportMissed publish, supervision's receive of it and the
 * CaseOpened publish that followed, all one trace in Zipkin's own API.
 *
 * Both services run in this jest process, whose module registry bypasses the require hook the
 * MongoDB instrumentation patches through, so database spans appear only from services run as
 * processes (npm start): one-trace-in-zipkin-with-database-spans.e2e-spec.ts runs institution
 * monitoring so and finds them; the HTTP module is Node's own and is patched here as there.
 */
describe('one trace in Zipkin from an HTTP request through Kafka into the next service', () => {
  const run = isolatedRun('e2e-zipkin');
  const clock = new SettableClock('2026-03-02T00:30:00Z');
  const names = new TopicNames(run.topicPrefix);
  const admin = { sub: 'ops', roles: ['admin' as const], jurisdiction: '33' };
  const traceId = randomBytes(16).toString('hex'); // a fresh trace each run: Zipkin keeps earlier ones
  let monitoring: INestApplication;
  let recorder: TopicRecorder;
  let system: BothServices | undefined;

  beforeAll(async () => {
    system = await startBothServices(run, clock);
    ({ monitoring, recorder } = system);
  });

  afterAll(async () => {
    await system?.stop();
    await tracing.shutdown();
  });

  it('stores the request, its publish, the next service’s receive and its publish under the request’s trace id', async () => {
    const im = request(monitoring.getHttpServer());
    await im
      .post('/institutions')
      .set(bearer(admin))
      .send({
        unitId: 'zipkin-unit',
        name: '德清县链路养老院',
        unitType: 'elderly-care-home',
        operator: 'public',
        divisionCode: '330521101',
        beds: 10,
        bedsInUse: 8,
      })
      .expect(201);
    clock.set('2026-03-02T02:00:30Z');
    await im.post('/daily-reports/deadline-sweeps').set(bearer(admin)).set('traceparent', `00-${traceId}-00f067aa0ba902b7-01`).expect(201);
    await recorder.waitForCount(names.physical(DailyReportTopic.name), 1, ReportMissedV1.type);
    await recorder.waitForCount(names.physical(CaseTopic.name), 1, CaseOpenedV1.type);

    const missedTopic = names.physical(DailyReportTopic.name);
    const caseTopic = names.physical(CaseTopic.name);
    const has = (spans: ZipkinSpan[], kind: ZipkinSpan['kind'], name: string) => spans.some((s) => s.kind === kind && s.name === name);
    const spans = await waitFor(
      `the trace ${traceId} in Zipkin with the case publish`,
      async () => {
        await tracing.flush();
        const res = await fetch(`${zipkinUrl}/api/v2/trace/${traceId}`);
        if (res.status !== 200) return undefined;
        const found = (await res.json()) as ZipkinSpan[];
        return has(found, 'PRODUCER', `${caseTopic.toLowerCase()} publish`) ? found : undefined;
      },
      30_000,
      250,
    );

    expect(spans.every((s) => s.traceId === traceId)).toBe(true);
    // the request, as the service received it
    const server = spans.find((s) => s.kind === 'SERVER' && s.tags?.['url.path'] === '/daily-reports/deadline-sweeps');
    expect(server).toBeDefined();
    expect(server?.parentId).toBe('00f067aa0ba902b7');
    expect(server?.localEndpoint?.serviceName).toBe('e2e-zipkin-trace');
    // ReportMissed leaves through Kafka and supervision takes it in
    expect(has(spans, 'PRODUCER', `${missedTopic.toLowerCase()} publish`)).toBe(true);
    const receive = spans.find((s) => s.kind === 'CONSUMER' && s.name === `${missedTopic.toLowerCase()} receive`);
    expect(receive?.tags?.['messaging.consumer.group.name']).toContain('supervision');
    // and supervision's CaseOpened publish is a descendant of that receive
    const byId = new Map(spans.map((s) => [s.id, s]));
    const casePublish = spans.find((s) => s.kind === 'PRODUCER' && s.name === `${caseTopic.toLowerCase()} publish`)!;
    const ancestors: string[] = [];
    for (let s: ZipkinSpan | undefined = casePublish; s?.parentId; s = byId.get(s.parentId)) ancestors.push(s.parentId);
    expect(ancestors).toContain(receive?.id);
    expect(ancestors).toContain(server?.id);
  });
});
