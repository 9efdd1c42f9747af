// Config is loaded before Nest (which would load it), and type conversion reads design:type.
// The explicit `: number` / `: boolean` annotations are load-bearing: without them TypeScript
// emits design:type Object and "8080" would stay a string.
/* eslint-disable @typescript-eslint/no-inferrable-types */
import 'reflect-metadata';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUrl, Matches, Max, Min, MinLength, ValidateIf } from 'class-validator';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const;
export type LogLevelName = (typeof LOG_LEVELS)[number];

export const KAFKA_SASL_MECHANISMS = ['plain', 'scram-sha-256', 'scram-sha-512'] as const;
export type KafkaSaslMechanism = (typeof KAFKA_SASL_MECHANISMS)[number];

/** Development-only secrets: known to everyone who reads this file; every deployment sets its own. */
export const DEV_PERSON_KEY_SECRET = 'dev-only-person-key-secret-NOT-FOR-PRODUCTION';
export const DEV_PERSONAL_DATA_KEY = 'dev-only-personal-data-key-NOT-FOR-PRODUCTION';

const BROKER_LIST = /^[A-Za-z0-9.-]+:\d{1,5}(,[A-Za-z0-9.-]+:\d{1,5})*$/;

/**
 * Implicit conversion would turn "false" into `true` (Boolean("false")), so booleans are parsed
 * by hand; anything unrecognised is left as a string for @IsBoolean to reject with a reason.
 */
const parseBoolean = ({ obj, key }: { obj: Record<string, unknown>; key: string }): unknown => {
  const raw = obj[key];
  if (typeof raw !== 'string') return raw;
  const v = raw.trim().toLowerCase();
  if (['true', '1', 'yes'].includes(v)) return true;
  if (['false', '0', 'no'].includes(v)) return false;
  return raw;
};

/**
 * The variables every service reads. A service extends this, overrides PORT (and MONGO_DB) with
 * its own default, and adds its own variables; load it with `loadConfig(MyConfig)`.
 * Only the first failing check of a variable is reported, and the decorator nearest the property
 * runs first: keep the type check there so "abc" reads "must be an integer", not "too large".
 */
export class BaseServiceConfig {
  @Max(65535)
  @Min(1)
  @IsInt()
  PORT: number = 3000;

  /** Address to listen on: loopback by default; containers set 0.0.0.0. */
  @IsString()
  @IsNotEmpty()
  HOST: string = '127.0.0.1';

  @Matches(BROKER_LIST, { message: 'must be a comma-separated list of host:port' })
  KAFKA_BROKERS: string = '127.0.0.1:19092';

  /** Defaults to the service name in messaging; set it to tell replicas apart in broker logs. */
  @IsOptional()
  @IsString()
  KAFKA_CLIENT_ID?: string;

  /** Prepended to every topic name so test runs and tenants never see each other's topics. */
  @Matches(/^[a-z0-9.-]*$/, { message: 'may contain only lowercase letters, digits, dots and hyphens' })
  KAFKA_TOPIC_PREFIX: string = '';

  @IsOptional()
  @IsIn(KAFKA_SASL_MECHANISMS)
  KAFKA_SASL_MECHANISM?: KafkaSaslMechanism;

  @ValidateIf((c: BaseServiceConfig) => c.KAFKA_SASL_MECHANISM !== undefined)
  @IsString()
  @IsNotEmpty({ message: 'is required when KAFKA_SASL_MECHANISM is set' })
  KAFKA_SASL_USERNAME?: string;

  @ValidateIf((c: BaseServiceConfig) => c.KAFKA_SASL_MECHANISM !== undefined)
  @IsString()
  @IsNotEmpty({ message: 'is required when KAFKA_SASL_MECHANISM is set' })
  KAFKA_SASL_PASSWORD?: string;

  @Transform(parseBoolean)
  @IsBoolean({ message: 'must be true or false' })
  KAFKA_SSL: boolean = false;

  /**
   * Run the Kafka producer in a worker thread, so encoding large bursts of events (a benefit
   * round's million) does not hold up requests and consumers on the main thread.
   */
  @Transform(parseBoolean)
  @IsBoolean({ message: 'must be true or false' })
  KAFKA_PRODUCER_THREAD: boolean = true;

  /**
   * Create every contract topic (with its partitions and retention) at start-up. On by default
   * like the other local defaults; production manifests set false and run the topic job.
   */
  @Transform(parseBoolean)
  @IsBoolean({ message: 'must be true or false' })
  KAFKA_CREATE_TOPICS: boolean = true;

  @Matches(/^mongodb(\+srv)?:\/\/\S+$/, { message: 'must start with mongodb:// or mongodb+srv://' })
  MONGO_URL: string = 'mongodb://127.0.0.1:27117';

  /**
   * Write concern of every write: `majority` (default) or a number of members. With
   * MONGO_WRITE_JOURNAL a write is acknowledged only once it is in the journal of that many members,
   * so an acknowledged write survives the loss of the primary. The embedded database commits and
   * forces its file before it answers whatever is asked (MONGO_WIRE_DURABILITY).
   */
  @Matches(/^(majority|[1-9]\d?)$/, { message: 'must be majority or a number of members (1-99)' })
  MONGO_WRITE_CONCERN: string = 'majority';

  @Transform(parseBoolean)
  @IsBoolean({ message: 'must be true or false' })
  MONGO_WRITE_JOURNAL: boolean = true;

  /** How long a write waits for its write concern before it fails (and is retried or refused). */
  @Max(600_000)
  @Min(100)
  @IsInt()
  MONGO_WRITE_TIMEOUT_MS: number = 10_000;

  /**
   * Longest wait for one database answer. A database that stops answering (frozen, partitioned)
   * fails the request with 503 after this long instead of holding it: a request is answered
   * within server selection (5 s), a new connection's handshake (5 s) and this, 20 s in all.
   */
  @Max(600_000)
  @Min(1_000)
  @IsInt()
  MONGO_SOCKET_TIMEOUT_MS: number = 10_000;

  /** Each service sets its own default database name (one database per service). */
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,63}$/, { message: 'must be a database name (letters, digits, _ and -)' })
  MONGO_DB?: string;

  /** The PEM itself; wins over JWT_PUBLIC_KEY_FILE. Production gets it from the OIDC provider. */
  @IsOptional()
  @Matches(/-----BEGIN PUBLIC KEY-----/, { message: 'must be a PEM public key (-----BEGIN PUBLIC KEY-----)' })
  JWT_PUBLIC_KEY?: string;

  @IsOptional()
  @IsString()
  JWT_PUBLIC_KEY_FILE?: string = '.local/keys/jwt-public.pem';

  @IsString()
  @IsNotEmpty({ message: 'is required' })
  JWT_ISSUER: string = 'civil-affairs-dev';

  @IsString()
  @IsNotEmpty({ message: 'is required' })
  JWT_AUDIENCE: string = 'civil-affairs';

  /**
   * Secret of the person key (HMAC-SHA256 of an ID number), shared by every service that must match
   * the same person. The default is for development only; production sets its own (32+ chars).
   */
  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters' })
  PERSON_KEY_SECRET: string = DEV_PERSON_KEY_SECRET;

  /**
   * Key (material) that encrypts personal fields at rest (names, ID numbers). Development-only
   * default; production sets its own (32+ chars), and changing it makes stored fields unreadable.
   */
  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters' })
  PERSONAL_DATA_KEY: string = DEV_PERSONAL_DATA_KEY;

  /** Base URL of an OTLP/HTTP collector (e.g. http://127.0.0.1:4318); unset = no export. */
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] }, { message: 'must be an http(s) URL' })
  OTEL_EXPORTER_OTLP_ENDPOINT?: string;

  /** Base URL of a Zipkin (e.g. http://127.0.0.1:9411, deploy/local/zipkin.sh); unset = no export to Zipkin. */
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] }, { message: 'must be an http(s) URL' })
  ZIPKIN_URL?: string;

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: LogLevelName = 'info';

  /** The broker list as kafkajs wants it. */
  kafkaBrokers(): string[] {
    return this.KAFKA_BROKERS.split(',').map((b) => b.trim());
  }
}
