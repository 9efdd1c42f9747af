/**
 * A public integration event: what downstream consumers may rely on. The JSON Schema is the
 * source of truth for the payload (and of the AsyncAPI documents); the TS type mirrors it.
 */
export interface JsonSchema {
  [keyword: string]: unknown;
}

export interface EventContract<T = unknown> {
  /** Past-tense event name, e.g. ReportMissed. */
  readonly name: string;
  /** CloudEvents `type`: reverse-DNS name plus major version. */
  readonly type: string;
  readonly version: number;
  /** Logical topic `<context>.<aggregate>.v<major>`; deployments may add a prefix. */
  readonly topic: string;
  /** CloudEvents `source` of the publishing context. */
  readonly source: string;
  readonly description: string;
  /** What the Kafka key is (the aggregate whose events must stay in order). */
  readonly keyDescription: string;
  readonly schema: JsonSchema;
  readonly example: T;
  /** Kafka key: the aggregate id. */
  keyOf(payload: T): string;
  /** CloudEvents `subject`. */
  subjectOf(payload: T): string;
  /** Administrative division code the event is about (`ce_region`). */
  regionOf(payload: T): string;
}

export interface TopicContract {
  readonly name: string;
  readonly partitions: number;
  readonly retentionMs: number;
  readonly description: string;
}

export const CE_TYPE_PREFIX = 'cn.gov.civilaffairs';

export function dataSchemaUri(type: string): string {
  return `urn:civil-affairs:schema:${type}`;
}

/** Schema building blocks shared by contracts. */
export const divisionCodeSchema = {
  type: 'string',
  pattern: '^(\\d{2}|\\d{4}|\\d{6}|\\d{9}|\\d{12})$',
  description: 'Administrative division code (2 province, 4 city, 6 county, 9 township, 12 village digits).',
} as const;

export const localDateSchema = {
  type: 'string',
  pattern: '^\\d{4}-\\d{2}-\\d{2}$',
  description: 'Calendar day in Asia/Shanghai (YYYY-MM-DD).',
} as const;

export const instantSchema = { type: 'string', format: 'date-time' } as const;

export const idSchema = { type: 'string', minLength: 1, maxLength: 128 } as const;

/** What a contract states; `defineEvent` derives the rest (schema envelope, version from the type). */
export interface EventSpec<T> {
  name: string;
  type: string;
  topic: TopicContract;
  source: string;
  description: string;
  keyDescription: string;
  required: readonly string[];
  properties: Record<string, unknown>;
  example: T;
  keyOf(payload: T): string;
  subjectOf(payload: T): string;
  regionOf(payload: T): string;
}

export function defineEvent<T>(spec: EventSpec<T>): EventContract<T> {
  const version = Number(/\.v(\d+)$/.exec(spec.type)?.[1]);
  if (!spec.type.startsWith(`${CE_TYPE_PREFIX}.`) || !Number.isInteger(version))
    throw new Error(`event type ${spec.type} must be ${CE_TYPE_PREFIX}.<context>.<name>.v<major>`);
  return {
    name: spec.name,
    type: spec.type,
    version,
    topic: spec.topic.name,
    source: spec.source,
    description: spec.description,
    keyDescription: spec.keyDescription,
    schema: { $id: dataSchemaUri(spec.type), type: 'object', required: [...spec.required], properties: spec.properties },
    example: spec.example,
    keyOf: spec.keyOf,
    subjectOf: spec.subjectOf,
    regionOf: spec.regionOf,
  };
}

/** Money in fen (分, 1/100 yuan): whole numbers, no floating-point yuan. */
export const fenSchema = { type: 'integer', minimum: 0, description: 'Amount in fen (分, 1/100 yuan).' } as const;
