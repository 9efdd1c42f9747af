import { EventEnvelope } from './event-envelope';

/** Kafka header names of the CloudEvents attributes (binary content mode). */
export const CE_HEADERS = {
  id: 'ce_id',
  source: 'ce_source',
  type: 'ce_type',
  specversion: 'ce_specversion',
  time: 'ce_time',
  subject: 'ce_subject',
  dataschema: 'ce_dataschema',
  correlationId: 'ce_correlationid',
  causationId: 'ce_causationid',
  region: 'ce_region',
  traceparent: 'ce_traceparent',
  contentType: 'content-type',
} as const;

/** The record as it is written to Kafka, before the deployment's topic prefix is applied. */
export interface OutgoingRecord {
  /** Logical topic, e.g. institution-monitoring.daily-report.v1. */
  topic: string;
  key: string;
  headers: Record<string, string>;
  /** JSON payload. */
  value: string;
  /** traceparent of the span that wrote the event (parent of its publish span); not a header. */
  parent?: string;
}

export class MalformedEventError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MalformedEventError';
  }
}

export function toKafkaRecord(envelope: EventEnvelope<unknown>, topic: string, key: string): OutgoingRecord {
  const headers: Record<string, string> = {
    [CE_HEADERS.id]: envelope.id,
    [CE_HEADERS.source]: envelope.source,
    [CE_HEADERS.type]: envelope.type,
    [CE_HEADERS.specversion]: envelope.specversion,
    [CE_HEADERS.time]: envelope.time,
    [CE_HEADERS.subject]: envelope.subject,
    [CE_HEADERS.dataschema]: envelope.dataschema,
    [CE_HEADERS.correlationId]: envelope.correlationId,
    [CE_HEADERS.causationId]: envelope.causationId,
    [CE_HEADERS.region]: envelope.region,
    [CE_HEADERS.contentType]: envelope.datacontenttype,
  };
  if (envelope.traceparent) headers[CE_HEADERS.traceparent] = envelope.traceparent;
  return { topic, key, headers, value: JSON.stringify(envelope.data) };
}

type RawHeaders = Record<string, Buffer | string | (Buffer | string)[] | undefined>;

export function headerString(headers: RawHeaders | undefined, name: string): string | undefined {
  const raw = headers?.[name];
  const first = Array.isArray(raw) ? raw[0] : raw;
  return first === undefined ? undefined : first.toString();
}

const REQUIRED = ['id', 'source', 'type', 'specversion', 'time', 'subject'] as const;

/** Reads an event from a Kafka message; throws MalformedEventError saying what is wrong. */
export function fromKafkaMessage(headers: RawHeaders | undefined, value: Buffer | null): EventEnvelope<unknown> {
  const missing = REQUIRED.filter((a) => !headerString(headers, CE_HEADERS[a]));
  if (missing.length) throw new MalformedEventError(`missing CloudEvents header(s): ${missing.map((a) => CE_HEADERS[a]).join(', ')}`);
  const specversion = headerString(headers, CE_HEADERS.specversion);
  if (specversion !== '1.0') throw new MalformedEventError(`unsupported ce_specversion ${specversion}`);
  const contentType = headerString(headers, CE_HEADERS.contentType) ?? 'application/json';
  if (!contentType.startsWith('application/json')) throw new MalformedEventError(`unsupported content-type ${contentType}`);
  if (!value || value.length === 0) throw new MalformedEventError('empty value');
  let data: unknown;
  try {
    data = JSON.parse(value.toString('utf8'));
  } catch (e) {
    throw new MalformedEventError(`value is not JSON: ${(e as Error).message}`);
  }
  const id = headerString(headers, CE_HEADERS.id)!;
  return {
    id,
    source: headerString(headers, CE_HEADERS.source)!,
    type: headerString(headers, CE_HEADERS.type)!,
    specversion: '1.0',
    time: headerString(headers, CE_HEADERS.time)!,
    subject: headerString(headers, CE_HEADERS.subject)!,
    datacontenttype: 'application/json',
    dataschema: headerString(headers, CE_HEADERS.dataschema) ?? '',
    correlationId: headerString(headers, CE_HEADERS.correlationId) ?? id,
    causationId: headerString(headers, CE_HEADERS.causationId) ?? id,
    region: headerString(headers, CE_HEADERS.region) ?? '',
    traceparent: headerString(headers, CE_HEADERS.traceparent),
    data,
  };
}
