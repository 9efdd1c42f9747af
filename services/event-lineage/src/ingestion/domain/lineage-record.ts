/**
 * What the lineage keeps of the bus: one record per Kafka record of a contract topic (an event,
 * or a record that could not be read as one, kept raw with the reason), and one dead letter per
 * record of a dead-letter topic. Records are identified by where they sit in the log
 * (topic, partition, offset), so reading the same offsets again stores nothing new.
 */
export interface EventRecord {
  /** CloudEvents `id` (`ce_id`); absent on a record that could not be read. */
  eventId?: string;
  type?: string;
  /** The publishing context, from `ce_source` (/civil-affairs/<context>). */
  sourceService?: string;
  subject?: string;
  /** Administrative division code of the subject (`ce_region`). */
  region?: string;
  correlationId?: string;
  causationId?: string;
  /** Trace the event was born in (from `ce_traceparent`, else the hop's `traceparent`). */
  traceId?: string;
  /** `ce_time`: when the publishing service says the event happened. */
  occurredAt?: string;
  /** When the broker appended the record to its log. */
  recordedAt: string;
  /** Logical topic (without the deployment's prefix). */
  topic: string;
  partition: number;
  offset: number;
  key?: string;
  payload?: unknown;
  headers?: Record<string, string>;
  /** Why the record is no event (missing headers, not JSON…); its bytes are in `payloadText`. */
  unreadable?: string;
  payloadText?: string;
  /** Set on a record a replay wrote: the dead letter and the audit entry of that replay. */
  replayOf?: { deadLetterId: string; auditId: string };
}

export interface DeadLetter {
  /** `<dlt topic>|<partition>|<offset>`. */
  id: string;
  dltTopic: string;
  partition: number;
  offset: number;
  originalTopic: string;
  originalPartition?: number;
  originalOffset?: number;
  /** `<reason code>: <error>`, as the consumer that gave up wrote it. */
  reason: string;
  attempts?: number;
  failedAt: string;
  eventId?: string;
  type?: string;
  region?: string;
  consumerGroup?: string;
  /** The value as text (UTF-8; the first 64 KiB when the dead letter carries only its beginning). */
  payloadText: string;
  headers: Record<string, string>;
  replayCount: number;
}

export interface Replay {
  auditId: string;
  at: string;
  sub: string;
  reason: string;
  topic: string;
  partition: number;
  offset: number;
  eventId?: string;
  /** True when the operator replaced the payload with a repaired one. */
  repaired: boolean;
}

/** The id of a record: where it sits in the log. */
export function recordId(topic: string, partition: number, offset: number): string {
  return `${topic}|${partition}|${offset}`;
}

/** The context named by a CloudEvents source `/civil-affairs/<context>`. */
export function serviceOfSource(source: string | undefined): string | undefined {
  if (!source) return undefined;
  const parts = source.split('/').filter(Boolean);
  return parts[parts.length - 1];
}

/** The trace id of a W3C traceparent (`00-<trace id>-<span id>-<flags>`). */
export function traceIdOf(traceparent: string | undefined): string | undefined {
  const m = /^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$/.exec(traceparent ?? '');
  return m !== null && !/^0+$/.test(m[1]) ? m[1] : undefined;
}
