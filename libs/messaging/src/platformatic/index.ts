export * from './platformatic-producer';
