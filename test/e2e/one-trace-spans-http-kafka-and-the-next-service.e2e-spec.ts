import { tracing } from './start-tracing';
import { INestApplication } from '@nestjs/common';
import { CaseOpenedV1, CaseTopic, DailyReportTopic, ReportMissedV1 } from '@civil/contracts';
import { SettableClock } from '@civil/kernel';
import { TopicNames } from '@civil/messaging';
import { bearer, isolatedRun, TopicRecorder } from '@civil/testing';
import request from 'supertest';
import { BothServices, startBothServices } from './both-services';

/**
 * An analyst follows one trace from the HTTP request that ran the sweep, through the database
 * write and Kafka, into supervision and out again: every hop carries the same trace id.
 */
describe('one trace from an HTTP request through Kafka into the next service', () => {
  const run = isolatedRun('e2e-trace');
  const clock = new SettableClock('2026-03-02T00:30:00Z');
  const names = new TopicNames(run.topicPrefix);
  const admin = { sub: 'ops', roles: ['admin' as const], jurisdiction: '33' };
  const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
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

  it('carries the request’s trace id on ReportMissed and on the CaseOpened it causes', async () => {
    const im = request(monitoring.getHttpServer());
    await im
      .post('/institutions')
      .set(bearer(admin))
      .send({
        unitId: 'traced-unit',
        name: '德清县追踪养老院',
        unitType: 'elderly-care-home',
        operator: 'public',
        divisionCode: '330521101',
        beds: 10,
        bedsInUse: 8,
      })
      .expect(201);
    clock.set('2026-03-02T02:00:30Z');
    await im.post('/daily-reports/deadline-sweeps').set(bearer(admin)).set('traceparent', `00-${traceId}-00f067aa0ba902b7-01`).expect(201);

    const [missed] = await recorder.waitForCount(names.physical(DailyReportTopic.name), 1, ReportMissedV1.type);
    const [opened] = await recorder.waitForCount(names.physical(CaseTopic.name), 1, CaseOpenedV1.type);
    const traceOf = (traceparent: string | undefined) => traceparent?.split('-')[1];
    expect(traceOf(missed.headers.ce_traceparent)).toBe(traceId); // born in the request
    expect(traceOf(missed.headers.traceparent)).toBe(traceId); // its publish hop
    expect(opened.headers.ce_traceparent).toBe(missed.headers.ce_traceparent); // the flow's origin travels on
    expect(traceOf(opened.headers.traceparent)).toBe(traceId); // supervision's publish continued the trace
    // each publish is a span of its own, apart from the request span
    expect(new Set([missed.headers.ce_traceparent, missed.headers.traceparent, opened.headers.traceparent]).size).toBe(3);
  });
});
