import { INestApplication } from '@nestjs/common';
import { ReportMissed, ReportMissedV1 } from '@civil/contracts';
import { Clock, SystemClock } from '@civil/kernel';
import { createEvent, createKafka, KafkaEventPublisher, OutgoingRecord, TopicNames, toKafkaRecord } from '@civil/messaging';
import { loadConfig } from '@civil/platform';
import { kafkaBrokers, serviceEnv } from '@civil/testing';
import { Kafka, logLevel } from 'kafkajs';
import { createApp } from '../src/bootstrap';
import { EventLineageConfig } from '../src/config/event-lineage.config';
import { LineageConsumer } from '../src/ingestion/infrastructure/lineage.consumer';

export type Run = { topicPrefix: string; dbName: (s: string) => string };

/** event-lineage in this process, on real Kafka and a real database. */
export async function startLineage(
  run: Run,
  extra: Record<string, string> = {},
  clock: Clock = new SystemClock(),
): Promise<INestApplication> {
  return createApp(loadConfig(EventLineageConfig, serviceEnv(run, 'event-lineage', extra)), clock);
}

export function kafkaOf(): Kafka {
  return new Kafka({ clientId: 'test-lineage', brokers: kafkaBrokers(), logLevel: logLevel.NOTHING });
}

/** Publishes as the services do (envelope, topic, key) under the run's prefix. */
export function publisherOf(run: Run): { names: TopicNames; publisher: KafkaEventPublisher } {
  const names = new TopicNames(run.topicPrefix);
  return { names, publisher: new KafkaEventPublisher(createKafka({ brokers: kafkaBrokers(), clientId: 'test-lineage-upstream' }), names) };
}

export function missedData(unitId: string, day: string, divisionCode: string): ReportMissed {
  return {
    reportId: `${unitId}:${day}`,
    unitId,
    unitType: 'elderly-care-home',
    divisionCode,
    reportDate: day,
    deadline: `${day}T02:00:00.000Z`,
    detectedAt: `${day}T02:00:05.000Z`,
  };
}

export function missedRecord(
  unitId: string,
  day: string,
  divisionCode: string,
  causation: { correlationId?: string; causationId?: string } = {},
): OutgoingRecord {
  const e = createEvent(ReportMissedV1, missedData(unitId, day, divisionCode), { time: new Date(`${day}T02:00:05Z`), ...causation });
  return toKafkaRecord(e, ReportMissedV1.topic, unitId);
}

/** Until the lineage's group has committed every record of the topic: ingestion caught up. */
export async function caughtUp(kafka: Kafka, app: INestApplication, physicalTopic: string): Promise<boolean> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const groupId = app.get(LineageConsumer).groupId();
    const [high, [committed]] = await Promise.all([
      admin.fetchTopicOffsets(physicalTopic),
      admin.fetchOffsets({ groupId, topics: [physicalTopic] }),
    ]);
    return high.every((h) => {
      const c = committed.partitions.find((p) => p.partition === h.partition);
      return Number(h.high) === 0 || Number(c?.offset ?? -1) >= Number(h.high);
    });
  } finally {
    await admin.disconnect();
  }
}
