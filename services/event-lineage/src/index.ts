// What system tests and benchmarks drive: the app factory, its config and the insert path.
export { createApp, OPEN_API } from './bootstrap';
export { AppModule } from './app.module';
export { EventLineageConfig } from './config/event-lineage.config';
export { LineageStore } from './ingestion/infrastructure/lineage.store';
export { recordOf } from './ingestion/application/read-record';
export type { KafkaRecord } from './ingestion/application/read-record';
export { LineageConsumer } from './ingestion/infrastructure/lineage.consumer';
