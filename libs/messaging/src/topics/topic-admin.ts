import { Kafka } from 'kafkajs';
import { TopicContract } from '@civil/contracts';
import { TopicNames } from './topic-names';

/**
 * Creates topics explicitly (the broker never auto-creates): each contract topic and its
 * dead-letter topic `<topic>.dlt`. Existing topics are left as they are.
 */
export async function ensureTopics(kafka: Kafka, names: TopicNames, topics: readonly TopicContract[], replicationFactor = 1): Promise<string[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const wanted = topics.flatMap((t) => [
      { topic: names.physical(t.name), numPartitions: t.partitions, replicationFactor, configEntries: [{ name: 'retention.ms', value: String(t.retentionMs) }] },
      { topic: names.deadLetter(t.name), numPartitions: 1, replicationFactor, configEntries: [{ name: 'retention.ms', value: String(Math.max(t.retentionMs, 30 * 86_400_000)) }] },
    ]);
    const missing = wanted.filter((t) => !existing.has(t.topic));
    if (missing.length) {
      await admin.createTopics({ topics: missing, waitForLeaders: true });
    }
    return missing.map((t) => t.topic);
  } finally {
    await admin.disconnect();
  }
}
