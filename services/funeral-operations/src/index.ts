// What system tests and benchmarks drive: the app factory and its config.
export { createApp, OPEN_API } from './bootstrap';
export { AppModule } from './app.module';
export { FuneralOperationsConfig } from './config/funeral-operations.config';
