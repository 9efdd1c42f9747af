import { DynamicModule, Inject, Injectable, Module, OnApplicationBootstrap, OnApplicationShutdown, Provider } from '@nestjs/common';
import { ModuleMetadata } from '@nestjs/common/interfaces';
import { Admin, Kafka } from 'kafkajs';
import { ALL_TOPICS } from '@civil/contracts';
import { EventConsumerRunner } from '../consumer/event-consumer.runner';
import { createKafka, KafkaConnectionOptions } from '../kafka/kafka-client.factory';
import { KafkaEventPublisher } from '../kafka/kafka-event.publisher';
import { MessagingLogger } from '../logger';
import { OutboxStore } from '../outbox/outbox-entry';
import { OutboxRelay, OutboxRelayOptions } from '../outbox/outbox-relay';
import { ensureTopics } from '../topics/topic-admin';
import { TopicNames } from '../topics/topic-names';
import { ConsumerRunnerOptions, KafkaEventTransport } from './kafka-event.transport';

export interface MessagingOptions extends KafkaConnectionOptions {
  topicPrefix: string;
  /** Run the producer in a worker thread (default true; see ThreadedProducer). */
  producerThread?: boolean;
  /** Create every contract topic at start (development and tests). Production uses the job. */
  createTopics: boolean;
  consumer: Omit<ConsumerRunnerOptions, 'handlers' | 'batchHandlers' | 'logger'>;
  outboxStores: readonly OutboxStore[];
  relay?: Omit<OutboxRelayOptions, 'logger'>;
  logger?: MessagingLogger;
}

export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');

/** Starts the publisher and relay after the app is up; flushes the outbox on shutdown. */
@Injectable()
export class MessagingLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private admin?: Admin;

  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    private readonly kafka: Kafka,
    private readonly names: TopicNames,
    private readonly publisher: KafkaEventPublisher,
    private readonly relay: OutboxRelay,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.options.createTopics) await ensureTopics(this.kafka, this.names, ALL_TOPICS);
    await this.publisher.connect();
    this.relay.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.relay.stop();
    await this.publisher.disconnect();
    await this.admin?.disconnect();
  }

  /** Readiness: the broker answers. */
  async checkBroker(): Promise<void> {
    if (!this.admin) {
      this.admin = this.kafka.admin();
      await this.admin.connect();
    }
    await this.admin.describeCluster();
  }
}

@Module({})
export class MessagingModule {
  static forRootAsync(config: {
    imports?: ModuleMetadata['imports'];
    inject?: any[];
    useFactory: (...deps: any[]) => MessagingOptions | Promise<MessagingOptions>;
  }): DynamicModule {
    const providers: Provider[] = [
      { provide: MESSAGING_OPTIONS, inject: config.inject ?? [], useFactory: config.useFactory },
      { provide: Kafka, inject: [MESSAGING_OPTIONS], useFactory: (o: MessagingOptions) => createKafka(o) },
      { provide: TopicNames, inject: [MESSAGING_OPTIONS], useFactory: (o: MessagingOptions) => new TopicNames(o.topicPrefix) },
      {
        provide: KafkaEventPublisher,
        inject: [Kafka, TopicNames, MESSAGING_OPTIONS],
        useFactory: (k: Kafka, n: TopicNames, o: MessagingOptions) =>
          new KafkaEventPublisher(k, n, o.producerThread === false ? {} : { thread: o }),
      },
      {
        provide: OutboxRelay,
        inject: [MESSAGING_OPTIONS, KafkaEventPublisher],
        useFactory: (o: MessagingOptions, p: KafkaEventPublisher) => new OutboxRelay(o.outboxStores, p, { ...o.relay, logger: o.logger }),
      },
      {
        provide: KafkaEventTransport,
        inject: [MESSAGING_OPTIONS, Kafka, TopicNames, KafkaEventPublisher],
        useFactory: (o: MessagingOptions, k: Kafka, n: TopicNames, p: KafkaEventPublisher) =>
          new KafkaEventTransport(
            (handlers, batchHandlers) => new EventConsumerRunner(k, n, p, { ...o.consumer, handlers, batchHandlers, logger: o.logger }),
          ),
      },
      MessagingLifecycle,
    ];
    return {
      module: MessagingModule,
      global: true,
      imports: config.imports ?? [],
      providers,
      exports: [Kafka, TopicNames, KafkaEventPublisher, OutboxRelay, KafkaEventTransport, MessagingLifecycle, MESSAGING_OPTIONS],
    };
  }
}
