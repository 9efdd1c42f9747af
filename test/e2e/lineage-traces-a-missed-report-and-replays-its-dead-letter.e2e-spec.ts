import { INestApplication } from '@nestjs/common';
import { CaseOpenedV1, DailyReportTopic, ReportMissedV1 } from '@civil/contracts';
import { createApp as createLineage, EventLineageConfig } from '@civil/event-lineage';
import { SettableClock } from '@civil/kernel';
import { createEvent, createKafka, KafkaEventPublisher, TopicNames, toKafkaRecord } from '@civil/messaging';
import { loadConfig } from '@civil/platform';
import { bearer, isolatedRun, kafkaBrokers, serviceEnv, waitFor } from '@civil/testing';
import request from 'supertest';
import { BothServices, startBothServices } from './both-services';

/**
 * The lineage of a real chain: institution monitoring's deadline sweep finds a report missing
 * (ReportMissed), supervision opens a case for it (CaseOpened, caused by it); the lineage shows
 * the whole flow by its correlation id, causes before effects, across both services. A
 * ReportMissed that supervision cannot read (schema-invalid) is dead-lettered; the lineage lists
 * it with its reason, an analyst may not replay it, an operator replays it with a repaired
 * payload (audited), and the case that replay caused is shown with the dead letter.
 */
describe('event lineage of ReportMissed → CaseOpened, and a dead letter replayed', () => {
  const run = isolatedRun('e2e-lineage');
  const clock = new SettableClock('2026-03-02T00:30:00Z');
  const names = new TopicNames(run.topicPrefix);
  const county = { sub: 'officer-deqing', roles: ['county-officer' as const], jurisdiction: '330521' };
  const admin = { sub: 'ops', roles: ['admin' as const], jurisdiction: '33' };
  const analyst = { sub: 'analyst-deqing', roles: ['analyst' as const], jurisdiction: '330521' };
  const operator = { sub: 'operator-deqing', roles: ['operator' as const], jurisdiction: '330521' };
  const publisher = new KafkaEventPublisher(createKafka({ brokers: kafkaBrokers(), clientId: 'test-upstream' }), names);
  let system: BothServices | undefined;
  let lineage: INestApplication | undefined;

  beforeAll(async () => {
    system = await startBothServices(run, clock);
    lineage = await createLineage(loadConfig(EventLineageConfig, serviceEnv(run, 'event-lineage')), clock);
  });

  afterAll(async () => {
    await lineage?.close();
    await system?.stop();
    await publisher.disconnect();
  });

  it('finds the whole flow by correlation id in causal order across the services', async () => {
    const im = request(system!.monitoring.getHttpServer());
    await im
      .post('/institutions')
      .set(bearer(county))
      .send({
        unitId: 'lin-01',
        name: '德清县乾元养老院',
        unitType: 'elderly-care-home',
        operator: 'public',
        divisionCode: '330521101',
        beds: 60,
        bedsInUse: 50,
      })
      .expect(201);
    clock.set('2026-03-02T02:00:30Z'); // past the default deadline
    await im.post('/daily-reports/deadline-sweeps').set(bearer(admin)).expect(201);

    const http = request(lineage!.getHttpServer());
    const [flowSummary] = await waitFor('the sweep flow with its case', async () => {
      const { items } = (await http.get('/api/flows').query({ type: CaseOpenedV1.type }).set(bearer(analyst)).expect(200)).body;
      return items.length === 1 && items[0].types.includes(ReportMissedV1.type) ? items : undefined;
    });
    expect(flowSummary.services.sort()).toEqual(['institution-monitoring', 'supervision']);
    const flow = (await http.get(`/api/flows/${flowSummary.correlationId}`).set(bearer(analyst)).expect(200)).body;
    const types = flow.events.map((e: any) => e.type);
    expect(types).toEqual([ReportMissedV1.type, CaseOpenedV1.type]);
    const [missed, opened] = flow.events;
    expect(opened.causationId).toBe(missed.eventId);
    expect(flow.edges).toEqual([{ from: missed.eventId, to: opened.eventId, delayMs: expect.any(Number) }]);
    expect(flow.services).toEqual(['institution-monitoring', 'supervision']);
    const byCorrelation = (
      await http.get('/api/events').query({ correlationId: flowSummary.correlationId }).set(bearer(analyst)).expect(200)
    ).body;
    expect(byCorrelation.items.map((e: any) => e.eventId).sort()).toEqual([missed.eventId, opened.eventId].sort());
  });

  it('lists a dead letter with its reason, lets an operator (not an analyst) replay it, and shows what the replay caused', async () => {
    await request(system!.monitoring.getHttpServer())
      .post('/institutions')
      .set(bearer(county))
      .send({
        unitId: 'lin-02',
        name: '德清县新市养老院',
        unitType: 'elderly-care-home',
        operator: 'public',
        divisionCode: '330521102',
        beds: 40,
        bedsInUse: 30,
      })
      .expect(201);
    // a ReportMissed without its reportDate: supervision's consumer refuses it to the dead-letter topic
    const good = {
      reportId: 'lin-02:2026-03-03',
      unitId: 'lin-02',
      unitType: 'elderly-care-home' as const,
      divisionCode: '330521102',
      reportDate: '2026-03-03',
      deadline: '2026-03-03T02:00:00.000Z',
      detectedAt: '2026-03-03T02:00:05.000Z',
    };
    const event = createEvent(ReportMissedV1, good, { time: new Date('2026-03-03T02:00:05Z'), correlationId: 'broken-sweep' });
    const record = toKafkaRecord(event, ReportMissedV1.topic, 'lin-02');
    const { reportDate: _dropped, ...broken } = good;
    await publisher.publish([{ ...record, value: JSON.stringify(broken) }]);

    const http = request(lineage!.getHttpServer());
    const [dl] = await waitFor('the dead letter stored', async () => {
      const { items } = (await http.get('/api/dead-letters').query({ topic: DailyReportTopic.name }).set(bearer(analyst)).expect(200)).body;
      return items.length === 1 ? items : undefined;
    });
    expect(dl).toMatchObject({ eventId: event.id, type: ReportMissedV1.type, originalTopic: DailyReportTopic.name, replayCount: 0 });
    expect(dl.reason).toMatch(/^schema-invalid: .*reportDate/);
    expect(dl.consumerGroup).toBe(names.group('supervision'));

    const replay = { ids: [dl.id], reason: '补齐缺失的报告日期后重放', payload: good };
    await http.post('/api/dead-letters/replay').set(bearer(analyst)).send(replay).expect(403);
    const badPayload = await http
      .post('/api/dead-letters/replay')
      .set(bearer(operator))
      .send({ ...replay, payload: broken })
      .expect(400);
    expect(JSON.stringify(badPayload.body)).toMatch(/payload/);
    const short = await http
      .post('/api/dead-letters/replay')
      .set(bearer(operator))
      .send({ ...replay, reason: 'x' })
      .expect(400);
    expect(short.body.fields).toEqual([expect.objectContaining({ field: 'reason' })]);

    const done = (await http.post('/api/dead-letters/replay').set(bearer(operator)).send(replay).expect(200)).body;
    expect(done.replayed).toEqual([expect.objectContaining({ id: dl.id, topic: DailyReportTopic.name, eventId: event.id })]);

    const sv = request(system!.supervision.getHttpServer());
    await waitFor('the case the replay opened', async () => {
      const cases = (await sv.get('/cases').set(bearer(county)).expect(200)).body as any[];
      return cases.find((c) => c.subjectId === 'lin-02' && c.triggeringEventId === event.id);
    });
    const detail = await waitFor('what the replay caused', async () => {
      const body = (
        await http
          .get(`/api/dead-letters/${encodeURIComponent(dl.id)}`)
          .set(bearer(analyst))
          .expect(200)
      ).body;
      return body.caused.some((e: any) => e.causationId === event.id && e.sourceService === 'supervision') ? body : undefined;
    });
    expect(detail.replayCount).toBe(1);
    expect(detail.replays).toEqual([expect.objectContaining({ auditId: done.auditId, sub: 'operator-deqing', repaired: true })]);
    const copy = detail.caused.find((e: any) => e.eventId === event.id);
    expect(copy.replayOf).toEqual({ deadLetterId: dl.id, auditId: done.auditId });
    expect(copy.payload).toEqual(good);

    const audit = (await http.get('/api/audit').set(bearer(operator)).expect(200)).body.items;
    expect(audit.find((a: any) => a.id === done.auditId)).toMatchObject({
      sub: 'operator-deqing',
      action: 'replay',
      detail: { ids: [dl.id], repaired: true },
    });
    // another county's operator neither sees nor replays it
    const other = { sub: 'operator-yuexiu', roles: ['operator' as const], jurisdiction: '440104' };
    await http
      .get(`/api/dead-letters/${encodeURIComponent(dl.id)}`)
      .set(bearer(other))
      .expect(404);
    await http
      .post('/api/dead-letters/replay')
      .set(bearer(other))
      .send({ ids: [dl.id], reason: 'not mine' })
      .expect(404);
  });
});
