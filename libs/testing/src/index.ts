export * from './infra';
export * from './wait';
export * from './topic-recorder';
export * from './test-auth';
export * from './service-env';
export * from './domain-error-of';
export * from './settings-write-matrix';
export * from './test-producer';
