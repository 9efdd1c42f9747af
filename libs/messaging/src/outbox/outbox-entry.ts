import { EventContract } from '@civil/contracts';
import { createEvent, EventEnvelope, NewEventOptions } from '../envelope/event-envelope';
import { OutgoingRecord, toKafkaRecord } from '../envelope/kafka-binary-mode';
import { currentTraceparent } from '../tracing/trace-context';

/**
 * An event waiting inside its aggregate's document. It is written in the same single-document
 * update as the state change it reports, so the two can never disagree; the relay publishes it
 * and then removes it.
 */
export interface OutboxEntry extends OutgoingRecord {
  /** ce_id, also the entry's id for removal. */
  id: string;
  /**
   * When it was queued, by the wall clock (not the event's time, which comes from the domain's
   * clock): the relay's recovery scan leaves entries younger than a few seconds to the relay of
   * the process that wrote them, and that must hold even when a service runs on a set clock.
   */
  at: Date;
}

/** Builds the outbox entry for an integration event (CloudEvents envelope, topic, key). */
export function outboxEntry<T>(contract: EventContract<T>, data: T, options: NewEventOptions): OutboxEntry {
  // ce_traceparent names where the flow began; `parent` is the span writing the event now
  const current = currentTraceparent();
  const envelope: EventEnvelope<T> = createEvent(contract, data, { ...options, traceparent: options.traceparent ?? current });
  const record = { ...toKafkaRecord(envelope, contract.topic, contract.keyOf(data)), id: envelope.id, at: new Date() };
  const parent = current ?? envelope.traceparent;
  return parent ? { ...record, parent } : record;
}

/** Documents with pending entries, as a store reports them. */
export interface PendingDocument {
  docId: unknown;
  entries: OutboxEntry[];
}

/** Where outbox entries live (one per aggregate collection). */
export interface OutboxStore {
  readonly name: string;
  /** Documents with pending entries; `ids` narrows the search to documents just written. */
  pending(limit: number, ids?: readonly unknown[]): Promise<PendingDocument[]>;
  /** Removes published entries from their documents. */
  markPublished(done: readonly { docId: unknown; entryIds: string[] }[]): Promise<void>;
}
