export * from './clock';
export * from './shanghai-time';
export * from './division-code';
export * from './domain-error';
export * from './deterministic-id';
export * from './id-number';
export * from './regional-settings';
export * from './masking';
