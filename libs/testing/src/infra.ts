import { randomBytes } from 'node:crypto';

/** The servers tests use: started by test/run-all.sh, or external ones given in the environment. */
export function kafkaBrokers(): string[] {
  return (process.env.KAFKA_BROKERS ?? '127.0.0.1:19092').split(',').map((b) => b.trim());
}

export function mongoUrl(): string {
  return process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27117';
}

/** A fresh topic prefix and database suffix, so test files sharing the servers never meet. */
export function isolatedRun(label: string): { topicPrefix: string; dbName: (service: string) => string } {
  const id = `${label}-${randomBytes(4).toString('hex')}`.toLowerCase().replace(/[^a-z0-9-]/g, '-');
  // jest.setup.js deletes the run's topics after the test file: the broker keeps a file open per
  // partition, and a whole test run would otherwise approach the open-file limit
  const g = globalThis as { __civilRunTopicPrefixes?: string[] };
  (g.__civilRunTopicPrefixes ??= []).push(`t-${id}.`);
  return {
    topicPrefix: `t-${id}.`,
    dbName: (service) => `t_${id.replace(/-/g, '_')}_${service.replace(/-/g, '_')}`,
  };
}

/** Creates every contract topic (and dead-letter topic) under a run's prefix. */
export async function createRunTopics(run: { topicPrefix: string }, brokers: string[] = kafkaBrokers()): Promise<void> {
  const { ALL_TOPICS } = await import('@civil/contracts');
  const { createKafka, ensureTopics, TopicNames } = await import('@civil/messaging');
  await ensureTopics(createKafka({ brokers, clientId: 'test-topics' }), new TopicNames(run.topicPrefix), ALL_TOPICS);
}
