export * from './person-key.hasher';
export * from './field.cipher';
export * from './personal-data.module';
export * from './is-id-number.validator';
export * from './has-no-identifiers.validator';
