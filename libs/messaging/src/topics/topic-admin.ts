import { Admin, Kafka } from 'kafkajs';
import { TopicContract } from '@civil/contracts';
import { TopicNames } from './topic-names';

/**
 * Creates topics explicitly (the broker never auto-creates): each contract topic and its
 * dead-letter topic `<topic>.dlt`. Existing topics are left as they are.
 */
export async function ensureTopics(
  kafka: Kafka,
  names: TopicNames,
  topics: readonly TopicContract[],
  replicationFactor = 1,
): Promise<string[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const wanted = topics.flatMap((t) => [
      {
        topic: names.physical(t.name),
        numPartitions: t.partitions,
        replicationFactor,
        configEntries: [{ name: 'retention.ms', value: String(t.retentionMs) }],
      },
      {
        topic: names.deadLetter(t.name),
        numPartitions: 1,
        replicationFactor,
        configEntries: [{ name: 'retention.ms', value: String(Math.max(t.retentionMs, 30 * 86_400_000)) }],
      },
    ]);
    const missing = wanted.filter((t) => !existing.has(t.topic));
    if (missing.length) {
      // another process may be creating the same topics; "already exists" is success
      await admin.createTopics({ topics: missing, waitForLeaders: false });
      await waitForLeaders(
        admin,
        missing.map((t) => t.topic),
      );
    }
    return missing.map((t) => t.topic);
  } finally {
    await admin.disconnect();
  }
}

/**
 * A new topic's metadata reaches the broker's cache a little after creation; until then metadata
 * requests fail with UNKNOWN_TOPIC_OR_PARTITION or LEADER_NOT_AVAILABLE. Wait until every
 * partition has a leader, so producers and consumers that start next find it.
 */
async function waitForLeaders(admin: Admin, topics: string[], timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let delay = 50; ; delay = Math.min(delay * 2, 1_000)) {
    try {
      const { topics: meta } = await admin.fetchTopicMetadata({ topics });
      if (meta.length === topics.length && meta.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0))) return;
    } catch (e) {
      if (Date.now() > deadline) throw new Error(`topics not ready after ${timeoutMs} ms: ${(e as Error).message}`);
    }
    if (Date.now() > deadline) throw new Error(`topics have no leader after ${timeoutMs} ms: ${topics.join(', ')}`);
    await new Promise((r) => setTimeout(r, delay));
  }
}
