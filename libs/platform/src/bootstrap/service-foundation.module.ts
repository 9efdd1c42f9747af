import { DynamicModule, Module } from '@nestjs/common';
import { Clock, SystemClock } from '@civil/kernel';
import { MessagingLifecycle, MessagingModule, OutboxRelay } from '@civil/messaging';
import { DATABASE, DatabaseLifecycle, DatabaseModule } from '@civil/persistence';
import { AuthModule } from '../auth/auth.module';
import { resolvePublicKey } from '../auth/public-key.resolver';
import { ClockModule } from '../clock/clock.module';
import { BaseServiceConfig } from '../config/base-service.config';
import { kafkaConnection } from '../config/kafka-connection';
import { HealthModule } from '../health/health.module';
import { readinessCheck } from '../health/readiness-check';
import { IdempotencyModule } from '../idempotency/idempotency.module';
import { relayMetricsController, relayReadiness } from '../health/relay-health';
import { createLogger } from '../logging/context.logger';
import { PersonalDataModule } from '../personal-data/personal-data.module';

export interface ServiceFoundationOptions {
  /** Service name: consumer group, client id, log field. */
  service: string;
  config: BaseServiceConfig & { MONGO_DB?: string };
  clock?: Clock;
}

/**
 * What every service stands on, wired one way: its clock, JWT auth with the jurisdiction guard,
 * its own database, Kafka (publisher, outbox relay, consumer transport), health probes that
 * check both, the personal-data keys (PersonKeyHasher, FieldCipher), and `Idempotency-Key` on
 * every POST, its records in the service's own database.
 */
@Module({})
export class ServiceFoundationModule {
  static forRoot(options: ServiceFoundationOptions): DynamicModule {
    const { config, service } = options;
    return {
      module: ServiceFoundationModule,
      controllers: [relayMetricsController(service)],
      imports: [
        ClockModule.forRoot(options.clock ?? new SystemClock()),
        PersonalDataModule.forRoot(config),
        AuthModule.forRoot({ publicKeyPem: resolvePublicKey(config), issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE }),
        DatabaseModule.forRootAsync({
          useFactory: () => ({
            url: config.MONGO_URL,
            dbName: config.MONGO_DB ?? service.replace(/-/g, '_'),
            writes: {
              w: config.MONGO_WRITE_CONCERN === 'majority' ? 'majority' : Number(config.MONGO_WRITE_CONCERN),
              journal: config.MONGO_WRITE_JOURNAL,
              timeoutMs: config.MONGO_WRITE_TIMEOUT_MS,
            },
            socketTimeoutMs: config.MONGO_SOCKET_TIMEOUT_MS,
          }),
        }),
        MessagingModule.forRootAsync({
          // after the database is connected: the aggregate stores that register with the relay need it
          inject: [DATABASE],
          useFactory: () => ({
            ...kafkaConnection(config, service),
            topicPrefix: config.KAFKA_TOPIC_PREFIX,
            createTopics: config.KAFKA_CREATE_TOPICS,
            producerThread: config.KAFKA_PRODUCER_THREAD,
            consumer: { groupId: service },
            // each aggregate store registers the collection it writes
            outboxStores: [],
            logger: createLogger(service, 'messaging', { level: config.LOG_LEVEL }),
          }),
        }),
        IdempotencyModule.forRoot({ service, logLevel: config.LOG_LEVEL }),
        HealthModule.forRoot({
          checks: [
            readinessCheck('database', (db: DatabaseLifecycle) => db.ping(), [DatabaseLifecycle]),
            readinessCheck('kafka', (m: MessagingLifecycle) => m.checkBroker(), [MessagingLifecycle]),
            readinessCheck('outbox', async (relay: OutboxRelay) => relayReadiness(relay.state()), [OutboxRelay]),
          ],
        }),
      ],
    };
  }
}
