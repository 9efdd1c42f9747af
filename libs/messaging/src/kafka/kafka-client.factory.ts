import { Kafka, KafkaConfig, logLevel, SASLOptions } from 'kafkajs';
import { consoleJsonLogger, MessagingLogger } from '../logger';

export interface KafkaConnectionOptions {
  brokers: string[];
  clientId: string;
  ssl?: boolean;
  sasl?: { mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512'; username: string; password: string };
  logger?: MessagingLogger;
}

const LEVELS: Record<number, keyof MessagingLogger> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

/** The client settings, without the logger: plain data, so a worker thread can build the same client. */
export function kafkaConfigOf(options: KafkaConnectionOptions): Omit<KafkaConfig, 'logCreator'> {
  return {
    clientId: options.clientId,
    brokers: options.brokers,
    ssl: options.ssl,
    sasl: options.sasl as SASLOptions | undefined,
    connectionTimeout: 5_000,
    requestTimeout: 30_000,
    retry: { initialRetryTime: 200, retries: 8, maxRetryTime: 10_000 },
    logLevel: logLevel.WARN,
  };
}

/** Writes one kafkajs log entry through our logger. */
export function logKafka(logger: MessagingLogger, level: number, message: string, fields: Record<string, unknown>): void {
  // retries are limited on purpose (an outage must surface); delivery is at least once and
  // consumers de-duplicate, so this start-up notice says nothing an operator can act on
  if (message.startsWith('Limiting retries for the idempotent producer')) return;
  logger[LEVELS[level] ?? 'info'](`kafka: ${message}`, fields);
}

/** kafkajs behind one factory, logging through our JSON logger; SASL/TLS by configuration. */
export function createKafka(options: KafkaConnectionOptions): Kafka {
  const logger = options.logger ?? consoleJsonLogger;
  return new Kafka({
    ...kafkaConfigOf(options),
    logCreator:
      () =>
      ({ level, log }) => {
        const { message, ...fields } = log;
        logKafka(logger, level, message, fields);
      },
  });
}
