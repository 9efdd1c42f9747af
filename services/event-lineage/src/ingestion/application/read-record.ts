import { CE_HEADERS, DLT_HEADERS, fromKafkaMessage, headerString, MalformedEventError, TopicNames } from '@civil/messaging';
import { DeadLetter, EventRecord, recordId, serviceOfSource, traceIdOf } from '../domain/lineage-record';
import { regionAncestors } from '../../lookups/domain/visibility';

/** A record as kafkajs hands it over, with where it was read. */
export interface KafkaRecord {
  /** Physical topic (with the deployment's prefix). */
  topic: string;
  partition: number;
  message: {
    key: Buffer | null;
    value: Buffer | null;
    offset: string;
    timestamp: string;
    headers?: Record<string, Buffer | string | (Buffer | string)[] | undefined>;
  };
}

/** Header set by a replay: the dead letter it came from and the audit entry that did it. */
export const REPLAY_HEADERS = { replayedFrom: 'replayed-from', auditId: 'replay-audit-id' } as const;

/** Text of a value kept for reading (and the raw bytes for a replay); larger values keep their beginning. */
const MAX_TEXT_BYTES = 64 * 1024;

/** What is stored per event: the record, its id, and the ancestors of its region for jurisdiction matching. */
export type EventRecordDoc = Omit<EventRecord, 'occurredAt' | 'recordedAt'> & {
  _id: string;
  occurredAt?: Date;
  recordedAt: Date;
  /** occurredAt, or recordedAt for a record that says no time: what windows and pages go by. */
  at: Date;
  regionAncestors: string[];
};

export type DeadLetterDoc = Omit<DeadLetter, 'id' | 'failedAt'> & {
  _id: string;
  failedAt: Date;
  regionAncestors: string[];
  /** The exact bytes, so a replay sends what was dead-lettered. */
  keyBase64?: string;
  valueBase64?: string;
  replays: unknown[];
};

function headersOf(message: KafkaRecord['message']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(message.headers ?? {})) {
    if (v === undefined) continue;
    out[k] = (Array.isArray(v) ? v[0] : v).toString();
  }
  return out;
}

function textOf(value: Buffer | null): string {
  if (!value) return '';
  return value.subarray(0, MAX_TEXT_BYTES).toString('utf8');
}

function validDate(text: string | undefined): Date | undefined {
  const d = text ? new Date(text) : undefined;
  return d && !Number.isNaN(d.getTime()) ? d : undefined;
}

/** A dead-letter topic's record as a dead letter; a record of a contract topic as an event record. */
export function recordOf(names: TopicNames, r: KafkaRecord): { event?: EventRecordDoc; deadLetter?: DeadLetterDoc } {
  const logical = names.logical(r.topic);
  return logical.endsWith('.dlt') ? { deadLetter: deadLetterOf(logical, r) } : { event: eventRecordOf(logical, r) };
}

/** Reads the envelope as the platform writes it; a record that is no event is kept with the reason. */
export function eventRecordOf(topic: string, r: KafkaRecord): EventRecordDoc {
  const { message } = r;
  const offset = Number(message.offset);
  const headers = headersOf(message);
  const base = {
    _id: recordId(topic, r.partition, offset),
    topic,
    partition: r.partition,
    offset,
    recordedAt: validDate(new Date(Number(message.timestamp)).toISOString()) ?? new Date(0),
    key: message.key?.toString('utf8'),
    headers,
  };
  const replayOf =
    headers[REPLAY_HEADERS.replayedFrom] && headers[REPLAY_HEADERS.auditId]
      ? { deadLetterId: headers[REPLAY_HEADERS.replayedFrom], auditId: headers[REPLAY_HEADERS.auditId] }
      : undefined;
  try {
    const e = fromKafkaMessage(message.headers, message.value);
    const region = e.region || undefined;
    const occurredAt = validDate(e.time);
    return {
      ...base,
      // an event is kept once under its id (a second publication of it at another offset is the
      // same event); a replay's copy is kept beside the original, under its position
      _id: replayOf ? base._id : e.id,
      at: occurredAt ?? base.recordedAt,
      eventId: e.id,
      type: e.type,
      sourceService: serviceOfSource(e.source),
      subject: e.subject,
      region,
      regionAncestors: regionAncestors(region),
      correlationId: e.correlationId,
      causationId: e.causationId,
      traceId: traceIdOf(e.traceparent) ?? traceIdOf(headers.traceparent),
      occurredAt,
      payload: e.data,
      ...(replayOf ? { replayOf } : {}),
    };
  } catch (error) {
    if (!(error instanceof MalformedEventError)) throw error;
    // what can still be read is kept, so the record is found by its id or region
    const region = headerString(message.headers, CE_HEADERS.region);
    return {
      ...base,
      at: base.recordedAt,
      eventId: headerString(message.headers, CE_HEADERS.id),
      type: headerString(message.headers, CE_HEADERS.type),
      sourceService: serviceOfSource(headerString(message.headers, CE_HEADERS.source)),
      region,
      regionAncestors: regionAncestors(region),
      unreadable: error.message,
      payloadText: textOf(message.value),
    };
  }
}

function numberOrUndefined(text: string | undefined): number | undefined {
  const n = text === undefined ? NaN : Number(text);
  return Number.isFinite(n) ? n : undefined;
}

export function deadLetterOf(dltTopic: string, r: KafkaRecord): DeadLetterDoc {
  const { message } = r;
  const offset = Number(message.offset);
  const headers = headersOf(message);
  const code = headers[DLT_HEADERS.reason] ?? 'unknown';
  const error = headers[DLT_HEADERS.error];
  const region = headers[CE_HEADERS.region];
  return {
    _id: recordId(dltTopic, r.partition, offset),
    dltTopic,
    partition: r.partition,
    offset,
    originalTopic: dltTopic.replace(/\.dlt$/, ''),
    originalPartition: numberOrUndefined(headers[DLT_HEADERS.originalPartition]),
    originalOffset: numberOrUndefined(headers[DLT_HEADERS.originalOffset]),
    reason: error ? `${code}: ${error}` : code,
    attempts: numberOrUndefined(headers[DLT_HEADERS.attempts]),
    failedAt: validDate(headers[DLT_HEADERS.failedAt]) ?? new Date(Number(message.timestamp)),
    eventId: headers[CE_HEADERS.id],
    type: headers[CE_HEADERS.type],
    region,
    regionAncestors: regionAncestors(region),
    consumerGroup: headers[DLT_HEADERS.consumerGroup],
    payloadText: textOf(message.value),
    headers,
    keyBase64: message.key ? message.key.toString('base64') : undefined,
    valueBase64: message.value ? message.value.toString('base64') : undefined,
    replayCount: 0,
    replays: [],
  };
}
