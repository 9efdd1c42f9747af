import { IsNotEmpty, IsString } from 'class-validator';
import { BaseServiceConfig } from './base-service.config';
import { ConfigError } from './config.error';
import { loadConfig } from './config.loader';

class ReliefConfig extends BaseServiceConfig {
  override PORT = 3102;
  override MONGO_DB = 'social_relief';

  @IsString()
  @IsNotEmpty({ message: 'is required' })
  PII_HASH_KEY: string;
}

function failure(env: NodeJS.ProcessEnv, schema: new () => object = BaseServiceConfig): ConfigError {
  try {
    loadConfig(schema, env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return e as ConfigError;
  }
  throw new Error('expected loadConfig to throw');
}

describe('loadConfig', () => {
  it('fills defaults and converts types', () => {
    const config = loadConfig(BaseServiceConfig, {});
    expect(config).toBeInstanceOf(BaseServiceConfig);
    expect(config.PORT).toBe(3000);
    expect(config.KAFKA_BROKERS).toBe('127.0.0.1:19092');
    expect(config.KAFKA_SSL).toBe(false);
    expect(config.MONGO_URL).toBe('mongodb://127.0.0.1:27117');
    expect(config.JWT_PUBLIC_KEY_FILE).toBe('.local/keys/jwt-public.pem');
    expect(config.JWT_ISSUER).toBe('civil-affairs-dev');
    expect(config.JWT_AUDIENCE).toBe('civil-affairs');
    expect(config.LOG_LEVEL).toBe('info');
    expect(config.KAFKA_TOPIC_PREFIX).toBe('');

    const set = loadConfig(BaseServiceConfig, {
      PORT: '8080',
      KAFKA_SSL: 'false',
      KAFKA_BROKERS: 'k1:9092,k2:9092',
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'svc',
      KAFKA_SASL_PASSWORD: 'pw',
      MONGO_URL: 'mongodb+srv://cluster.example/',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318',
    });
    expect(set.PORT).toBe(8080);
    expect(set.KAFKA_SSL).toBe(false);
    expect(set.kafkaBrokers()).toEqual(['k1:9092', 'k2:9092']);
    expect(loadConfig(BaseServiceConfig, { KAFKA_SSL: 'true' }).KAFKA_SSL).toBe(true);
  });

  it('keeps only declared variables and lets a service override defaults', () => {
    const config = loadConfig(ReliefConfig, { PII_HASH_KEY: 'k', PATH: '/usr/bin', MONGO_DB: '' });
    expect(config.PORT).toBe(3102);
    expect(config.MONGO_DB).toBe('social_relief');
    expect(config).not.toHaveProperty('PATH');
  });

  it('names each bad variable with its reason and value', () => {
    const error = failure({ PORT: '70000', KAFKA_TOPIC_PREFIX: 'Run_1', LOG_LEVEL: 'loud', KAFKA_SSL: 'maybe' });
    expect(error.message).toContain('  PORT: must not be greater than 65535 (got "70000")');
    expect(error.message).toContain('  KAFKA_TOPIC_PREFIX: may contain only lowercase letters, digits, dots and hyphens (got "Run_1")');
    expect(error.message).toMatch(/ {2}LOG_LEVEL: must be one of the following values: fatal, .* \(got "loud"\)/);
    expect(error.message).toContain('  KAFKA_SSL: must be true or false (got "maybe")');
    expect(error.variables.sort()).toEqual(['KAFKA_SSL', 'KAFKA_TOPIC_PREFIX', 'LOG_LEVEL', 'PORT']);
  });

  it('explains malformed URLs and broker lists', () => {
    const error = failure({ MONGO_URL: 'postgres://db', KAFKA_BROKERS: 'localhost', PORT: 'abc' });
    expect(error.message).toContain('  MONGO_URL: must start with mongodb:// or mongodb+srv:// (got "postgres://db")');
    expect(error.message).toContain('  KAFKA_BROKERS: must be a comma-separated list of host:port (got "localhost")');
    expect(error.message).toContain('  PORT: must be an integer number (got "abc")');
  });

  it('writes with a journaled majority unless told otherwise, and refuses write concerns that cannot be met', () => {
    const config = loadConfig(BaseServiceConfig, {});
    expect([config.MONGO_WRITE_CONCERN, config.MONGO_WRITE_JOURNAL, config.MONGO_WRITE_TIMEOUT_MS]).toEqual(['majority', true, 10_000]);
    expect(loadConfig(BaseServiceConfig, { MONGO_WRITE_CONCERN: '2', MONGO_WRITE_JOURNAL: 'false' })).toMatchObject({
      MONGO_WRITE_CONCERN: '2',
      MONGO_WRITE_JOURNAL: false,
    });
    const error = failure({ MONGO_WRITE_CONCERN: '0', MONGO_WRITE_TIMEOUT_MS: '5' });
    expect(error.message).toContain('MONGO_WRITE_CONCERN');
    expect(error.message).toContain('MONGO_WRITE_TIMEOUT_MS');
  });

  it('never echoes secrets', () => {
    const error = failure(
      { KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_PASSWORD: '', JWT_PUBLIC_KEY: 'hunter2-pem', MONGO_URL: 'mongo://u:s3cret@db' },
      ReliefConfig,
    );
    expect(error.message).toContain('  KAFKA_SASL_USERNAME: is required when KAFKA_SASL_MECHANISM is set (not set)');
    expect(error.message).toContain('  KAFKA_SASL_PASSWORD: is required when KAFKA_SASL_MECHANISM is set (not set)');
    expect(error.message).toContain('  JWT_PUBLIC_KEY: must be a PEM public key (-----BEGIN PUBLIC KEY-----) (value hidden)');
    expect(error.message).toContain('  PII_HASH_KEY: is required (not set)');
    expect(error.message).toContain('(got "mongo://u:***@db")');
    expect(error.message).not.toContain('hunter2');
    expect(error.message).not.toContain('s3cret');
  });
});
