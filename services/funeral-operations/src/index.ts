// What system tests and benchmarks drive: the app factory and its config.
export { createApp } from './bootstrap';
export { FuneralOperationsConfig } from './config/funeral-operations.config';
