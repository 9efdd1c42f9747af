import { randomBytes } from 'node:crypto';
import { Consumer, Kafka, logLevel, Producer } from 'kafkajs';
import { kafkaBrokers } from './infra';
import { TopicRecorder } from './topic-recorder';

describe('TopicRecorder.caughtUp', () => {
  const topic = `t-recorder-${randomBytes(4).toString('hex')}`;
  const kafka = new Kafka({ clientId: 'test-recorder-spec', brokers: kafkaBrokers(), logLevel: logLevel.NOTHING });
  let producer: Producer;
  let recorder: TopicRecorder;

  const send = (from: number, count: number) =>
    producer.send({
      topic,
      acks: -1,
      messages: Array.from({ length: count }, (_, i) => ({ key: `k-${(from + i) % 3}`, value: JSON.stringify({ n: from + i }) })),
    });

  beforeAll(async () => {
    // as every test creates its topics: created, then waited on until each partition has a leader
    const { createKafka, ensureTopics, TopicNames } = await import('@civil/messaging');
    await ensureTopics(createKafka({ brokers: kafkaBrokers(), clientId: 'test-recorder-topics' }), new TopicNames(''), [
      { name: topic, partitions: 3, retentionMs: 3_600_000, description: 'recorder spec' },
    ]);
    producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 }); // a retried send never writes twice
    await producer.connect();
    await send(0, 5); // written before the recorder starts
    recorder = await new TopicRecorder([topic]).start();
  });

  afterAll(async () => {
    await recorder?.stop();
    await producer?.disconnect();
  });

  it('returns only once every acknowledged message on every partition has been recorded', async () => {
    await send(5, 300);
    await recorder.caughtUp();
    expect(recorder.of(topic)).toHaveLength(305);
    expect(new Set(recorder.of(topic).map((m) => m.json.n)).size).toBe(305);
  });

  it('fails naming the partitions it is behind on when the recorder does not read', async () => {
    const consumer = (recorder as unknown as { consumer: Consumer }).consumer;
    consumer.pause([{ topic }]);
    try {
      await send(305, 3);
      await expect(recorder.caughtUp(500)).rejects.toThrow(new RegExp(`timed out .* behind: ${topic}:\\d at (\\d+|nothing) of \\d+`));
    } finally {
      consumer.resume([{ topic }]);
    }
    await recorder.caughtUp();
    expect(recorder.of(topic)).toHaveLength(308);
  });
});
