import { INestApplication } from '@nestjs/common';
import { CaseOpenedV1, CaseTopic, DailyReportTopic, ReportMissedV1 } from '@civil/contracts';
import { SettableClock } from '@civil/kernel';
import { createKafka, DLT_HEADERS, KafkaEventPublisher, TopicNames } from '@civil/messaging';
import { loadConfig } from '@civil/platform';
import { bearer, createRunTopics, isolatedRun, kafkaBrokers, serviceEnv, TopicRecorder, waitFor } from '@civil/testing';
import { ConfigResourceTypes } from 'kafkajs';
import request from 'supertest';
import { reportMissedRecord } from './support/report-missed-record';
import { createApp, SupervisionConfig } from '@civil/supervision';

const KEY = 'u-poison'; // one key: the poison, the oversized message and the good events share a partition
const TEN_MB = 10 * 1024 * 1024;

/**
 * A poison message (bytes that are no event) and a 10 MB message on a topic supervision consumes,
 * between good events of the same key: both are dead-lettered with their reason (the oversized one
 * with its first bytes, its size and where the whole of it lies), and the partition keeps flowing.
 */
describe('poison and 10 MB messages on a consumed topic', () => {
  const run = isolatedRun('fault-poison');
  const names = new TopicNames(run.topicPrefix);
  const kafka = createKafka({ brokers: kafkaBrokers(), clientId: 'fault-poison' });
  const raw = new KafkaEventPublisher(kafka, names);
  const topic = names.physical(DailyReportTopic.name);
  const dlt = names.deadLetter(DailyReportTopic.name);
  const caseTopic = names.physical(CaseTopic.name);
  let app: INestApplication;
  let recorder: TopicRecorder;

  beforeAll(async () => {
    await createRunTopics(run);
    // the topic takes a 10 MB message (by default a broker refuses more than 1 MB)
    const admin = kafka.admin();
    await admin.connect();
    await admin.alterConfigs({
      validateOnly: false,
      resources: [
        {
          type: ConfigResourceTypes.TOPIC,
          name: topic,
          configEntries: [{ name: 'max.message.bytes', value: String(TEN_MB + 1024 * 1024) }],
        },
      ],
    });
    await admin.disconnect();
    recorder = await new TopicRecorder([dlt, caseTopic]).start();
    app = await createApp(loadConfig(SupervisionConfig, serviceEnv(run, 'supervision')), new SettableClock('2026-03-03T03:00:00Z'));
  }, 120_000);

  afterAll(async () => {
    await recorder?.stop();
    await raw.disconnect();
    await app?.close();
  }, 60_000);

  it('dead-letters both with the reason and goes on with the events behind them', async () => {
    const big = Buffer.alloc(TEN_MB, 'x');
    await raw.publish([reportMissedRecord(KEY, '2026-03-01')]);
    await raw.sendRaw(topic, [
      { key: KEY, value: Buffer.from([0xff, 0xfe, 0x00, 0x13, 0x37]), headers: { ce_type: ReportMissedV1.type, ce_id: 'poison-1' } },
    ]);
    await raw.sendRaw(topic, [{ key: KEY, value: big, headers: { ce_type: ReportMissedV1.type, ce_id: 'oversized-1' } }]);
    await raw.publish([reportMissedRecord(KEY, '2026-03-02')]);

    const letters = await recorder.waitForCount(dlt, 2, undefined, 60_000);
    const poison = letters.find((l) => l.headers.ce_id === 'poison-1')!;
    const oversized = letters.find((l) => l.headers.ce_id === 'oversized-1')!;
    expect(poison.headers).toMatchObject({
      [DLT_HEADERS.reason]: 'malformed',
      [DLT_HEADERS.originalTopic]: topic,
      [DLT_HEADERS.consumerGroup]: names.group('supervision'),
    });
    expect(oversized.headers).toMatchObject({
      [DLT_HEADERS.reason]: 'malformed',
      [DLT_HEADERS.valueBytes]: String(TEN_MB),
      [DLT_HEADERS.valueTruncated]: 'true',
    });
    expect(oversized.headers[DLT_HEADERS.error]).toContain(`${TEN_MB} bytes`);
    expect(Number(oversized.headers[DLT_HEADERS.originalOffset])).toBeGreaterThan(Number(poison.headers[DLT_HEADERS.originalOffset]));

    // the partition kept flowing: the day after the two bad messages counts on the unit's case
    await recorder.waitForCount(caseTopic, 1, CaseOpenedV1.type, 60_000);
    const province = { sub: 'p', roles: ['province-officer' as const], jurisdiction: '33' };
    const cases = await waitFor(
      'the case to count both days',
      async () => {
        const { body } = await request(app.getHttpServer()).get('/cases').query({ limit: 10 }).set(bearer(province)).expect(200);
        return body.length === 1 && body[0].occurrences === 2 ? body : undefined;
      },
      30_000,
    );
    expect(cases).toEqual([expect.objectContaining({ subjectId: KEY, occurrences: 2 })]);
  }, 180_000);
});
