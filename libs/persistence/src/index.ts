export * from './mongo-outbox.store';
export * from './write-errors';
export * from './applied-events';
export * from './mongo-connection';
export * from './database.module';
export * from './aggregate-store';
export * from './races';
export * from './key-claims';
