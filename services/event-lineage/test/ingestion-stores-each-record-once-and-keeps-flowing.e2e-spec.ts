import { INestApplication } from '@nestjs/common';
import { DailyReportTopic, ReportMissedV1 } from '@civil/contracts';
import { collectionOf, connectMongo } from '@civil/persistence';
import { bearer, createRunTopics, isolatedRun, mongoUrl, waitFor } from '@civil/testing';
import { Connection } from 'mongoose';
import request from 'supertest';
import { caughtUp, kafkaOf, missedRecord, publisherOf, startLineage } from './support';

/**
 * Ingestion over the real bus: events published as the services publish them are stored once per
 * (topic, partition, offset) — reading the same offsets again stores nothing new, and an event
 * published twice is one record — and a record
 * that is no event is stored raw with the reason while the records after it on the partition are
 * stored too.
 */
describe('event-lineage ingestion', () => {
  const run = isolatedRun('lin-ingest');
  const { names, publisher } = publisherOf(run);
  const kafka = kafkaOf();
  const topic = names.physical(DailyReportTopic.name);
  const analyst = { sub: 'analyst-deqing', roles: ['analyst' as const], jurisdiction: '330521' };
  let app: INestApplication | undefined;
  let db: Connection;

  beforeAll(async () => {
    await createRunTopics(run);
    app = await startLineage(run);
    db = await connectMongo(mongoUrl(), run.dbName('event-lineage'));
  });

  afterAll(async () => {
    await app?.close();
    await publisher.disconnect();
    await db?.close();
  });

  it('answers health and stores every event once, even when the same offsets are read again', async () => {
    await request(app!.getHttpServer()).get('/health/ready').expect(200);
    const flow = 'flow-dedupe-1';
    const records = ['u-1', 'u-2', 'u-3'].map((u) => missedRecord(u, '2026-03-02', '330521101', { correlationId: flow }));
    await publisher.publish(records);
    const http = request(app!.getHttpServer());
    const found = await waitFor('the three events stored', async () => {
      const body = (await http.get('/api/events').query({ correlationId: flow }).set(bearer(analyst)).expect(200)).body;
      return body.items.length === 3 ? body.items : undefined;
    });
    expect(found.map((e: any) => e.subject).sort()).toEqual(['u-1:2026-03-02', 'u-2:2026-03-02', 'u-3:2026-03-02']);
    expect(found[0]).toMatchObject({
      type: ReportMissedV1.type,
      sourceService: 'institution-monitoring',
      region: '330521101',
      correlationId: flow,
      topic: DailyReportTopic.name,
    });
    await waitFor('ingestion committed', () => caughtUp(kafka, app!, topic));

    // the group reads the whole topic again from the beginning (a rebalance after a crash, a reset)
    await app!.close();
    const admin = kafka.admin();
    await admin.connect();
    const groupId = names.group('event-lineage');
    await admin.resetOffsets({ groupId, topic, earliest: true });
    await admin.disconnect();
    app = await startLineage(run);
    await waitFor('the topic read again and committed', () => caughtUp(kafka, app!, topic));
    const events = collectionOf<any>(db, 'events');
    const stored = await events.find({ topic: DailyReportTopic.name }).toArray();
    expect(stored).toHaveLength(3);
    expect(new Set(stored.map((d) => `${d.partition}:${d.offset}`)).size).toBe(3);
    const flowDoc = await collectionOf<any>(db, 'flows').findOne({ _id: flow });
    expect(flowDoc.members).toHaveLength(3);

    // the same event published again at a new offset (an outbox relay retrying after a lost ack) is one event
    await publisher.publish([records[0]]);
    await waitFor('the second publication read and committed', () => caughtUp(kafka, app!, topic));
    expect(await events.countDocuments({ topic: DailyReportTopic.name })).toBe(3);
    const again = (await request(app!.getHttpServer()).get('/api/events').query({ correlationId: flow }).set(bearer(analyst)).expect(200))
      .body;
    expect(again.items).toHaveLength(3);
  });

  it('stores a record that is no event with the reason, and the partition keeps flowing', async () => {
    // one key, so the broken record and the good one after it share a partition
    await publisher.sendRaw(topic, [{ key: 'u-broken', value: 'not json {', headers: { ce_id: 'broken-1', ce_region: '330521102' } }]);
    const after = missedRecord('u-broken', '2026-03-03', '330521102', { correlationId: 'flow-after-broken' });
    await publisher.publish([after]);
    const http = request(app!.getHttpServer());
    const [good] = await waitFor('the event after the broken record stored', async () => {
      const body = (await http.get('/api/events').query({ correlationId: 'flow-after-broken' }).set(bearer(analyst)).expect(200)).body;
      return body.items.length === 1 ? body.items : undefined;
    });
    const broken = (await http.get('/api/events/broken-1').set(bearer(analyst)).expect(200)).body;
    expect(broken.unreadable).toMatch(/missing CloudEvents header/);
    expect(broken.payloadText).toBe('not json {');
    expect(broken.partition).toBe(good.partition);
    expect(good.offset).toBeGreaterThan(broken.offset);
  });
});
