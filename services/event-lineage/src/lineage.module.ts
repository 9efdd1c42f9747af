import { DynamicModule, Module } from '@nestjs/common';
import { createLogger } from '@civil/platform';
import { AuditRepository } from './audit/infrastructure/audit.repository';
import { AuditHttpController } from './audit/interface/audit.http.controller';
import { EventLineageConfig } from './config/event-lineage.config';
import { FindDeadLetters } from './dead-letters/application/find-dead-letters';
import { ReplayDeadLetters } from './dead-letters/application/replay-dead-letters';
import { DeadLettersHttpController } from './dead-letters/interface/dead-letters.http.controller';
import { LINEAGE_CONSUMER_OPTIONS, LineageConsumer, LineageConsumerOptions } from './ingestion/infrastructure/lineage.consumer';
import { LineageStore } from './ingestion/infrastructure/lineage.store';
import { FindEvents } from './lookups/application/find-events';
import { FindFlows } from './lookups/application/find-flows';
import { EventsHttpController } from './lookups/interface/events.http.controller';
import { ConsoleConfigHttpController, LINEAGE_CONFIG } from './static-console/console-config.http.controller';
import { Topology } from './topology/application/topology';
import { TopologyHttpController } from './topology/interface/topology.http.controller';

/** Ingestion, lookups, dead letters and replay, topology, audit. */
@Module({})
export class LineageModule {
  static forRoot(config: EventLineageConfig, service: string): DynamicModule {
    const consumerOptions: LineageConsumerOptions = {
      groupId: config.LINEAGE_GROUP_ID,
      partitionConcurrency: config.LINEAGE_PARTITION_CONCURRENCY,
      maxBytesPerPartition: config.LINEAGE_MAX_BYTES_PER_PARTITION,
      logger: createLogger(service, 'ingestion', { level: config.LOG_LEVEL }),
    };
    return {
      module: LineageModule,
      controllers: [
        EventsHttpController,
        DeadLettersHttpController,
        TopologyHttpController,
        AuditHttpController,
        ConsoleConfigHttpController,
      ],
      providers: [
        { provide: LINEAGE_CONFIG, useValue: config },
        { provide: LINEAGE_CONSUMER_OPTIONS, useValue: consumerOptions },
        LineageStore,
        LineageConsumer,
        AuditRepository,
        FindEvents,
        FindFlows,
        FindDeadLetters,
        ReplayDeadLetters,
        Topology,
      ],
    };
  }
}
