import { ALL_TOPICS, DailyReportTopic, ReportMissedV1 } from '@civil/contracts';
import {
  createKafka,
  DLT_HEADERS,
  ensureTopics,
  EventConsumerRunner,
  EventEnvelope,
  EventRejectedError,
  KafkaEventPublisher,
  outboxEntry,
  TopicNames,
} from '@civil/messaging';
import { isolatedRun, kafkaBrokers, testProducerOptions, TopicRecorder, waitFor } from '@civil/testing';

const run = isolatedRun('consumer');
const names = new TopicNames(run.topicPrefix);
const kafka = createKafka({ brokers: kafkaBrokers(), clientId: 'consumer-test' });
const topic = names.physical(DailyReportTopic.name);
const dlt = names.deadLetter(DailyReportTopic.name);

function event(unitId: string, reportDate = '2026-03-02') {
  return outboxEntry(
    ReportMissedV1,
    { ...ReportMissedV1.example, unitId, reportId: `${unitId}:${reportDate}`, reportDate },
    { time: new Date() },
  );
}

describe('consumer runner (real Kafka)', () => {
  let publisher: KafkaEventPublisher;
  let recorder: TopicRecorder;
  let runner: EventConsumerRunner;
  const handled: EventEnvelope<any>[] = [];
  const attempts = new Map<string, number>();

  beforeAll(async () => {
    await ensureTopics(kafka, names, ALL_TOPICS);
    publisher = new KafkaEventPublisher(kafka, names, testProducerOptions('runner-test'));
    recorder = await new TopicRecorder([dlt]).start();
    runner = new EventConsumerRunner(kafka, names, publisher, {
      groupId: 'runner-test',
      backoffMs: 10,
      maxAttempts: 3,
      handlers: new Map([
        [
          ReportMissedV1.type,
          async (e: EventEnvelope<any>) => {
            const n = (attempts.get(e.id) ?? 0) + 1;
            attempts.set(e.id, n);
            if (e.data.unitId === 'always-fails') throw new Error('handler bug');
            if (e.data.unitId === 'rejected') throw new EventRejectedError('unit is not registered');
            if (e.data.unitId === 'flaky' && n < 3) throw Object.assign(new Error('connection reset'), { code: 'ECONNRESET' });
            handled.push(e);
          },
        ],
      ]),
    });
    await runner.start();
  });

  afterAll(async () => {
    await runner.stop();
    await recorder.stop();
    await publisher.disconnect();
  });

  it('dead-letters malformed and schema-invalid messages with the reason, and processes the valid messages behind them', async () => {
    const key = 'same-key-for-one-partition';
    const valid = event('ok-after-poison');
    const invalid = event('x');
    await publisher.sendRaw(topic, [
      { key, value: '{not json', headers: { ...valid.headers, ce_id: 'bad-json' } },
      { key, value: JSON.stringify({ unitId: 42 }), headers: { ...invalid.headers, ce_id: 'bad-schema' } },
      { key, value: valid.value, headers: { ce_source: 'x' } },
    ]);
    await publisher.publish([{ ...valid, key }]);

    await waitFor('the valid message to be handled', () => handled.find((e) => e.data.unitId === 'ok-after-poison'));
    const letters = await recorder.waitForCount(dlt, 3);
    const byReason = Object.fromEntries(letters.map((l) => [l.headers[DLT_HEADERS.reason], l]));
    expect(byReason.malformed.headers[DLT_HEADERS.error]).toMatch(/value is not JSON|missing CloudEvents header/);
    expect(byReason['schema-invalid'].headers[DLT_HEADERS.error]).toContain("must have required property 'reportId'");
    expect(byReason['schema-invalid'].headers[DLT_HEADERS.originalTopic]).toBe(topic);
    expect(byReason['schema-invalid'].headers[DLT_HEADERS.consumerGroup]).toBe(names.group('runner-test'));
    expect(byReason['schema-invalid'].headers[DLT_HEADERS.originalOffset]).toMatch(/^\d+$/);
    expect(letters.filter((l) => l.headers[DLT_HEADERS.reason] === 'malformed')).toHaveLength(2);
    expect(letters.map((l) => l.value)).toContain('{not json');
  });

  it('retries a failing handler, then dead-letters it; a rejected event goes at once; an outage is retried until it passes', async () => {
    const broken = event('always-fails');
    const rejected = event('rejected');
    const flaky = event('flaky');
    await publisher.publish([broken, rejected, flaky]);
    await waitFor('the flaky event to succeed on its third attempt', () => handled.find((e) => e.data.unitId === 'flaky'));
    expect(attempts.get(flaky.id)).toBe(3);
    const letters = await recorder.waitForCount(dlt, 5);
    const exhausted = letters.find((l) => l.headers.ce_id === broken.id)!;
    expect(exhausted.headers[DLT_HEADERS.reason]).toBe('retries-exhausted');
    expect(exhausted.headers[DLT_HEADERS.attempts]).toBe('3');
    expect(exhausted.headers[DLT_HEADERS.error]).toBe('handler bug');
    const refused = letters.find((l) => l.headers.ce_id === rejected.id)!;
    expect(refused.headers[DLT_HEADERS.reason]).toBe('rejected');
    expect(attempts.get(rejected.id)).toBe(1);
    expect(letters.find((l) => l.headers.ce_id === flaky.id)).toBeUndefined();
  });

  it('keeps the order of events with the same key', async () => {
    const dates = ['2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-07'];
    await publisher.publish(dates.map((d) => event('ordered', d)));
    await waitFor('all five ordered events', () => (handled.filter((e) => e.data.unitId === 'ordered').length === 5 ? true : undefined));
    expect(handled.filter((e) => e.data.unitId === 'ordered').map((e) => e.data.reportDate)).toEqual(dates);
  });
});
