import { ALL_TOPICS } from '@civil/contracts';
import { createKafka } from './kafka/kafka-client.factory';
import { ensureTopics } from './topics/topic-admin';
import { TopicNames } from './topics/topic-names';

/**
 * Creates every contract topic and its dead-letter topic (run once per environment, before the
 * services): KAFKA_BROKERS, KAFKA_TOPIC_PREFIX, KAFKA_REPLICATION_FACTOR.
 */
async function main(): Promise<void> {
  const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:19092').split(',').map((b) => b.trim());
  const names = new TopicNames(process.env.KAFKA_TOPIC_PREFIX ?? '');
  const kafka = createKafka({ brokers, clientId: 'create-topics' });
  const created = await ensureTopics(kafka, names, ALL_TOPICS, Number(process.env.KAFKA_REPLICATION_FACTOR ?? 1));
  console.log(created.length ? `created: ${created.join(', ')}` : 'all topics already exist');
}

main().catch((e) => {
  console.error(`create-topics failed: ${(e as Error).message}`);
  process.exit(1);
});
