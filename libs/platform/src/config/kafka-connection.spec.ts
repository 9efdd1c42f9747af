import { BaseServiceConfig } from './base-service.config';
import { loadConfig } from './config.loader';
import { kafkaConnection } from './kafka-connection';

describe('kafkaConnection', () => {
  it('connects to local Kafka as the service by default', () => {
    expect(kafkaConnection(loadConfig(BaseServiceConfig, {}), 'supervision')).toEqual({
      brokers: ['127.0.0.1:19092'],
      clientId: 'supervision',
      ssl: false,
    });
  });

  it('passes TLS and SASL settings through', () => {
    const config = loadConfig(BaseServiceConfig, {
      KAFKA_BROKERS: 'b1:9093,b2:9093',
      KAFKA_CLIENT_ID: 'supervision-0',
      KAFKA_SSL: 'true',
      KAFKA_SASL_MECHANISM: 'scram-sha-256',
      KAFKA_SASL_USERNAME: 'svc',
      KAFKA_SASL_PASSWORD: 'pw',
      KAFKA_CREATE_TOPICS: 'false',
    });
    expect(config.KAFKA_CREATE_TOPICS).toBe(false);
    expect(kafkaConnection(config, 'supervision')).toEqual({
      brokers: ['b1:9093', 'b2:9093'],
      clientId: 'supervision-0',
      ssl: true,
      sasl: { mechanism: 'scram-sha-256', username: 'svc', password: 'pw' },
    });
  });
});
