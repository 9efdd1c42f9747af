import { ALL_TOPICS, DailyReportTopic, ReportMissedV1 } from '@civil/contracts';
import {
  createKafka,
  ensureTopics,
  KafkaEventPublisher,
  outboxEntry,
  OutboxRelay,
  OutboxStore,
  PendingDocument,
  ThreadedProducer,
  TopicNames,
} from '@civil/messaging';
import { isolatedRun, kafkaBrokers, testProducerOptions, TopicRecorder, waitFor } from '@civil/testing';

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
    publisher = new KafkaEventPublisher(kafka, names, {
      thread: { brokers: kafkaBrokers(), clientId: 'threaded-test' },
      ...testProducerOptions('threaded-test'),
    });
    recorder = await new TopicRecorder([topic, rawTopic]).start();
  });

  afterAll(async () => {
    await recorder.stop();
    await publisher.disconnect();
  });

  it('keeps every key’s events in order while the relay has two sends on their way', async () => {
    // three sends of 500: the first two share no key (both go out at once), the third holds later
    // events of the first one's keys (it must wait for it)
    const block = (units: string[], fromSeq: number) =>
      Array.from({ length: 25 }, (_, i) => fromSeq + i).flatMap((seq) =>
        units.map((unitId) => ({
          docId: `${unitId}#${seq}`,
          entries: [
            outboxEntry(
              ReportMissedV1,
              { ...ReportMissedV1.example, unitId, reportId: `${unitId}:${seq}` },
              { time: new Date('2026-03-02T02:00:00Z') },
            ),
          ],
        })),
      );
    const first = Array.from({ length: 20 }, (_, i) => `u-ord-a${i}`);
    const second = Array.from({ length: 20 }, (_, i) => `u-ord-b${i}`);
    const docs: PendingDocument[] = [...block(first, 0), ...block(second, 0), ...block(first, 25)];
    const store = new MemoryStore();
    const relay = new OutboxRelay([store], publisher, { pollIntervalMs: 60_000 });
    relay.notifyWritten('memory', docs);
    await relay.flush();
    expect(store.published).toEqual(docs.map((d) => d.docId));
    for (const [units, count] of [
      [first, 50],
      [second, 25],
    ] as const) {
      for (const unitId of units) {
        const seen = (await recorder.waitForKey(topic, unitId, count, ReportMissedV1.type)).map((m) =>
          Number(m.json.reportId.split(':')[1]),
        );
        expect(seen).toEqual(Array.from({ length: count }, (_, i) => i));
      }
    }
  });

  it('sends dead letters byte for byte: Buffers cross to the thread and arrive as the same bytes', async () => {
    // a Buffer arrives in the thread as a plain Uint8Array, which kafkajs would write as "230,173,…"
    await publisher.sendRaw(rawTopic, [
      { key: Buffer.from('k-raw'), value: Buffer.from('{"原因":"格式错误"}'), headers: { reason: Buffer.from('无法解析'), plain: 'text' } },
    ]);
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
    // the next send brings a new thread up, which connects itself before sending
    await producer.send({ topic, messages: [{ key: 'u-after-crash', value: 'y' }] });
    await waitFor('the send after the crash', () => recorder.of(topic).some((m) => m.key === 'u-after-crash') || undefined);
    await producer.disconnect();
  });
});
