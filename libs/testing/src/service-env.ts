import { kafkaBrokers, mongoUrl } from './infra';
import { TEST_AUDIENCE, TEST_ISSUER, testPublicKey } from './test-auth';

/**
 * Environment for a service under test: the run's topic prefix and its own database, real
 * servers, the test signing key, timers off (tests drive sweeps and ladders with their clock).
 */
export function serviceEnv(
  run: { topicPrefix: string; dbName: (s: string) => string },
  service: string,
  extra: Record<string, string> = {},
): NodeJS.ProcessEnv {
  return {
    KAFKA_BROKERS: kafkaBrokers().join(','),
    KAFKA_TOPIC_PREFIX: run.topicPrefix,
    MONGO_URL: mongoUrl(),
    MONGO_DB: run.dbName(service),
    JWT_PUBLIC_KEY: testPublicKey,
    JWT_ISSUER: TEST_ISSUER,
    JWT_AUDIENCE: TEST_AUDIENCE,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    SWEEP_INTERVAL_MS: '0',
    ESCALATION_INTERVAL_MS: '0',
    ...extra,
  };
}
