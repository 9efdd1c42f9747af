import { ALL_TOPICS, DailyReportTopic, ReportMissedV1 } from '@civil/contracts';
import { createKafka, ensureTopics, KafkaEventPublisher, outboxEntry, OutboxRelay, OutboxStore, PendingDocument, ThreadedProducer, TopicNames } from '@civil/messaging';
import { isolatedRun, kafkaBrokers, TopicRecorder, waitFor } from '@civil/testing';

const run = isolatedRun('threaded-producer');
const names = new TopicNames(run.topicPrefix);
const kafka = createKafka({ brokers: kafkaBrokers(), clientId: 'threaded-test' });

/** An outbox that only remembers what the relay marked published. */
class MemoryStore implements OutboxStore {
  readonly name = 'memory';
  readonly published: unknown[] = [];
  async pending(): Promise<PendingDocument[]> {
    return [];
  }
  async markPublished(done: readonly { docId: unknown }[]): Promise<void> {
    this.published.push(...done.map((d) => d.docId));
  }
}

describe('producer in a worker thread (real Kafka)', () => {
  const topic = names.physical(DailyReportTopic.name);
  const rawTopic = names.deadLetter(DailyReportTopic.name);
  let publisher: KafkaEventPublisher;
  let recorder: TopicRecorder;

  beforeAll(async () => {
    await ensureTopics(kafka, names, ALL_TOPICS);
    publisher = new KafkaEventPublisher(kafka, names, { thread: { brokers: kafkaBrokers(), clientId: 'threaded-test' } });
    recorder = await new TopicRecorder([topic, rawTopic]).start();
  });

  afterAll(async () => {
    await recorder.stop();
    await publisher.disconnect();
  });

  it('keeps every key’s events in order while the relay has two sends on their way', async () => {
    // 40 units, 30 events each, announced document by document: 1,200 events in sends of 500,
    // where a later send holds later events of the same keys
    const units = Array.from({ length: 40 }, (_, i) => `u-ord-${i}`);
    const docs: PendingDocument[] = [];
    for (let seq = 0; seq < 30; seq++) {
      for (const unitId of units) {
        const entry = outboxEntry(ReportMissedV1, { ...ReportMissedV1.example, unitId, reportId: `${unitId}:${seq}` }, { time: new Date('2026-03-02T02:00:00Z') });
        docs.push({ docId: `${unitId}#${seq}`, entries: [entry] });
      }
    }
    const store = new MemoryStore();
    const relay = new OutboxRelay([store], publisher, { pollIntervalMs: 60_000 });
    relay.notifyWritten('memory', docs);
    await relay.flush();
    expect(store.published).toHaveLength(docs.length);
    for (const unitId of units) {
      const seen = (await recorder.waitForKey(topic, unitId, 30, ReportMissedV1.type)).map((m) => Number(m.json.reportId.split(':')[1]));
      expect(seen).toEqual(Array.from({ length: 30 }, (_, i) => i));
    }
  });

  it('sends dead letters byte for byte: Buffers cross to the thread and arrive as the same bytes', async () => {
    // a Buffer arrives in the thread as a plain Uint8Array, which kafkajs would write as "230,173,…"
    await publisher.sendRaw(rawTopic, [{ key: Buffer.from('k-raw'), value: Buffer.from('{"原因":"格式错误"}'), headers: { reason: Buffer.from('无法解析'), plain: 'text' } }]);
    const [m] = await recorder.waitForCount(rawTopic, 1);
    expect(m).toMatchObject({ key: 'k-raw', value: '{"原因":"格式错误"}', headers: { reason: '无法解析', plain: 'text' } });
  });

  it('fails the calls in flight when the thread dies, and starts a new one for the next call', async () => {
    const producer = new ThreadedProducer({ brokers: kafkaBrokers(), clientId: 'threaded-crash' });
    await producer.connect();
    const worker = (producer as unknown as { worker: { terminate(): Promise<number> } }).worker;
    const inFlight = producer.send({ topic, messages: [{ key: 'u-crash', value: 'x' }] });
    await worker.terminate();
    await expect(inFlight).rejects.toThrow(/producer thread exited/);
    // the next call brings a new thread up, connects it and sends
    await producer.connect();
    await producer.send({ topic, messages: [{ key: 'u-after-crash', value: 'y' }] });
    await waitFor('the send after the crash', () => recorder.of(topic).some((m) => m.key === 'u-after-crash') || undefined);
    await producer.disconnect();
  });
});
