import { BaseServiceConfig, KafkaSaslMechanism } from './base-service.config';

/** What a Kafka client needs to connect; the shape libs/messaging's options start with. */
export interface KafkaConnectionSettings {
  brokers: string[];
  clientId: string;
  ssl: boolean;
  sasl?: { mechanism: KafkaSaslMechanism; username: string; password: string };
}

/**
 * The connection part of the messaging options, from config. The client id defaults to the
 * service name so broker logs and quotas name the service.
 */
export function kafkaConnection(config: BaseServiceConfig, service: string): KafkaConnectionSettings {
  const settings: KafkaConnectionSettings = {
    brokers: config.kafkaBrokers(),
    clientId: config.KAFKA_CLIENT_ID || service,
    ssl: config.KAFKA_SSL,
  };
  // loadConfig has already insisted on username and password when a mechanism is set.
  if (config.KAFKA_SASL_MECHANISM) {
    settings.sasl = {
      mechanism: config.KAFKA_SASL_MECHANISM,
      username: config.KAFKA_SASL_USERNAME ?? '',
      password: config.KAFKA_SASL_PASSWORD ?? '',
    };
  }
  return settings;
}
