import { DailyReportTopic, ReportMissedV1, ALL_TOPICS } from '@civil/contracts';
import { createKafka, ensureTopics, KafkaEventPublisher, outboxEntry, OutboxRelay, TopicNames } from '@civil/messaging';
import { connectMongo, MongoOutboxStore, pushToOutbox } from '@civil/persistence';
import { isolatedRun, kafkaBrokers, mongoUrl, testProducerOptions, TopicRecorder, waitFor } from '@civil/testing';
import { Connection } from 'mongoose';

const run = isolatedRun('outbox');
const names = new TopicNames(run.topicPrefix);
const kafka = createKafka({ brokers: kafkaBrokers(), clientId: 'outbox-test' });

function missed(unitId: string) {
  return { ...ReportMissedV1.example, unitId, reportId: `${unitId}:2026-03-02` };
}

describe('outbox relay (real Kafka, real database)', () => {
  let conn: Connection;
  let publisher: KafkaEventPublisher;
  let recorder: TopicRecorder;
  const topic = names.physical(DailyReportTopic.name);

  beforeAll(async () => {
    await ensureTopics(kafka, names, ALL_TOPICS);
    conn = await connectMongo(mongoUrl(), run.dbName('messaging'));
    publisher = new KafkaEventPublisher(kafka, names, testProducerOptions('outbox-test'));
    recorder = await new TopicRecorder([topic]).start();
  });

  afterAll(async () => {
    await recorder.stop();
    await publisher.disconnect();
    await conn.dropDatabase();
    await conn.close();
  });

  it('publishes an event written with its state change, as a CloudEvent keyed by aggregate, then removes it', async () => {
    const docs = conn.db!.collection('reports');
    const store = new MongoOutboxStore('reports', docs);
    const relay = new OutboxRelay([store], publisher, { pollIntervalMs: 60_000 });
    const entry = outboxEntry(ReportMissedV1, missed('u-1'), { time: new Date('2026-03-02T02:00:05Z'), correlationId: 'sweep-1' });
    await docs.insertOne({ _id: 'u-1:2026-03-02' as never, status: 'missed', ...{ outbox: [entry] } });
    relay.notify('reports', ['u-1:2026-03-02']);

    const [msg] = await recorder.waitForCount(topic, 1);
    expect(msg.key).toBe('u-1');
    expect(msg.headers).toMatchObject({
      ce_id: entry.id,
      ce_source: '/civil-affairs/institution-monitoring',
      ce_type: 'cn.gov.civilaffairs.institution.report-missed.v1',
      ce_specversion: '1.0',
      ce_subject: 'u-1:2026-03-02',
      ce_correlationid: 'sweep-1',
      ce_region: '330521102',
      'content-type': 'application/json',
    });
    expect(msg.json.unitId).toBe('u-1');
    await waitFor('the entry to be removed', async () =>
      (await docs.findOne({ _id: 'u-1:2026-03-02' as never }))?.outbox?.length === 0 ? true : undefined,
    );
    await relay.stop();
  });

  it('finds events nobody announced (a crash between write and wake-up) by polling', async () => {
    const docs = conn.db!.collection('reports2');
    const store = new MongoOutboxStore('reports2', docs, { recoverAfterMs: 0 });
    for (const u of ['u-2', 'u-3', 'u-4']) {
      await docs.updateOne(
        { _id: `${u}:2026-03-02` as never },
        { $set: { status: 'missed' }, ...pushToOutbox([outboxEntry(ReportMissedV1, missed(u), { time: new Date() })]) },
        { upsert: true },
      );
    }
    const relay = new OutboxRelay([store], publisher, { pollIntervalMs: 100 });
    relay.start();
    await recorder.waitForCount(topic, 4);
    expect(
      recorder
        .of(topic)
        .map((m) => m.key)
        .sort(),
    ).toEqual(['u-1', 'u-2', 'u-3', 'u-4']);
    await waitFor('every outbox to be empty', async () =>
      (await docs.countDocuments({ 'outbox.0': { $exists: true } })) === 0 ? true : undefined,
    );
    await relay.stop();
  });

  it('keeps events in their documents while Kafka refuses them, and publishes them once it accepts', async () => {
    const docs = conn.db!.collection('reports3');
    const store = new MongoOutboxStore('reports3', docs, { recoverAfterMs: 0 });
    let refuse = true;
    const flaky = {
      publish: async (records: any) =>
        refuse ? Promise.reject(Object.assign(new Error('broker down'), { name: 'KafkaJSConnectionError' })) : publisher.publish(records),
    };
    const relay = new OutboxRelay([store], flaky, { pollIntervalMs: 50 });
    await docs.insertOne({ _id: 'u-5:2026-03-02' as never, outbox: [outboxEntry(ReportMissedV1, missed('u-5'), { time: new Date() })] });
    await expect(relay.flush()).rejects.toThrow('broker down');
    expect((await docs.findOne({ _id: 'u-5:2026-03-02' as never }))!.outbox).toHaveLength(1);
    refuse = false;
    relay.start();
    await recorder.waitForCount(topic, 5);
    expect(recorder.of(topic).filter((m) => m.key === 'u-5')).toHaveLength(1);
    await relay.stop();
  });
  it('after a failed publish, later writes wait behind the entries that failed, and a key keeps its order', async () => {
    const docs = conn.db!.collection('reports4');
    const store = new MongoOutboxStore('reports4', docs, { recoverAfterMs: 60_000 });
    let refuse = true;
    const flaky = {
      publish: async (records: any) =>
        refuse ? Promise.reject(Object.assign(new Error('broker down'), { name: 'KafkaJSConnectionError' })) : publisher.publish(records),
    };
    const relay = new OutboxRelay([store], flaky, { pollIntervalMs: 60_000 });
    // one key (u-6) in two documents, written in this order: day 1, day 2, then day 1 again
    const write = async (id: string, day: string) => {
      const entry = outboxEntry(ReportMissedV1, { ...missed('u-6'), reportId: `u-6:${day}` }, { time: new Date() });
      await docs.updateOne({ _id: id as never }, pushToOutbox([entry]), { upsert: true });
      relay.notifyWritten('reports4', [{ docId: id, entries: [entry] }]);
      return entry.id;
    };
    const order = [await write('u-6:2026-03-01', '2026-03-01')];
    await waitFor('the first attempt to fail', async () => (relay.state().publishing ? undefined : true));
    order.push(await write('u-6:2026-03-02', '2026-03-02'));
    order.push(await write('u-6:2026-03-01', '2026-03-01'));
    expect(relay.state()).toMatchObject({ publishing: false, pendingDocuments: 2, lastPublishError: { message: 'broker down' } });
    refuse = false;
    await relay.flush();
    const sent = recorder
      .of(topic)
      .filter((m) => m.key === 'u-6')
      .map((m) => m.headers.ce_id);
    expect(sent).toEqual(order);
    expect(relay.state()).toMatchObject({ publishing: true, pendingDocuments: 0, oldestPendingAgeMs: null });
    expect(await docs.countDocuments({ 'outbox.0': { $exists: true } })).toBe(0);
    await relay.stop();
  });
});
