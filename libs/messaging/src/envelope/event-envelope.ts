import { randomUUID } from 'node:crypto';
import { dataSchemaUri, EventContract } from '@civil/contracts';

/**
 * A CloudEvents 1.0 event as this platform carries it (Kafka binary mode: attributes in headers,
 * the JSON payload as the value). `source` + `id` is the consumer's de-duplication key.
 */
export interface EventEnvelope<T = unknown> {
  id: string;
  source: string;
  type: string;
  specversion: '1.0';
  time: string;
  subject: string;
  datacontenttype: 'application/json';
  dataschema: string;
  /** Shared by every event of one business flow (e.g. the sweep run or the HTTP request). */
  correlationId: string;
  /** The id of the event or request that directly caused this one. */
  causationId: string;
  /** Administrative division code of the subject. */
  region: string;
  /** W3C traceparent of the trace the event was born in. */
  traceparent?: string;
  data: T;
}

/** Where an event comes from: the flow it belongs to and what caused it. */
export interface Causation {
  correlationId?: string;
  causationId?: string;
  traceparent?: string;
}

export interface NewEventOptions extends Causation {
  /** A fixed id, e.g. derived from a timer so two replicas emit the same event once. */
  id?: string;
  time: Date;
}

export function createEvent<T>(contract: EventContract<T>, data: T, options: NewEventOptions): EventEnvelope<T> {
  const id = options.id ?? randomUUID();
  return {
    id,
    source: contract.source,
    type: contract.type,
    specversion: '1.0',
    time: options.time.toISOString(),
    subject: contract.subjectOf(data),
    datacontenttype: 'application/json',
    dataschema: dataSchemaUri(contract.type),
    correlationId: options.correlationId ?? id,
    causationId: options.causationId ?? id,
    region: contract.regionOf(data),
    traceparent: options.traceparent,
    data,
  };
}

/** The causation to give events produced while handling `incoming`. */
export function causedBy(incoming: EventEnvelope<unknown>): Causation {
  return { correlationId: incoming.correlationId, causationId: incoming.id, traceparent: incoming.traceparent };
}

/** The consumer-side de-duplication key. */
export function eventKey(event: Pick<EventEnvelope, 'source' | 'id'>): string {
  return `${event.source}#${event.id}`;
}
