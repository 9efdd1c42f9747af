import { KafkaMessage } from 'kafkajs';

/** Why a message went to its dead-letter topic. */
export type DeadLetterReason = 'malformed' | 'schema-invalid' | 'rejected' | 'retries-exhausted';

export const DLT_HEADERS = {
  originalTopic: 'dlt_original_topic',
  originalPartition: 'dlt_original_partition',
  originalOffset: 'dlt_original_offset',
  consumerGroup: 'dlt_consumer_group',
  reason: 'dlt_reason',
  error: 'dlt_error',
  failedAt: 'dlt_failed_at',
  attempts: 'dlt_attempts',
  /** The original value's size in bytes, when the dead letter carries only its beginning. */
  valueBytes: 'dlt_value_bytes',
  valueTruncated: 'dlt_value_truncated',
} as const;

/**
 * A dead letter must fit the dead-letter topic (1 MB per message by default): a value larger than
 * this keeps its first DLT_VALUE_HEAD_BYTES, and the whole original stays on its topic at the
 * offset the headers name. Header values are capped the same way.
 */
export const DLT_MAX_VALUE_BYTES = 512 * 1024;
export const DLT_VALUE_HEAD_BYTES = 64 * 1024;
const DLT_MAX_HEADER_BYTES = 16 * 1024;

/** The dead letter: the original bytes and headers, plus where it came from and why it failed. */
export function deadLetterOf(
  message: KafkaMessage,
  origin: { topic: string; partition: number; group: string },
  reason: DeadLetterReason,
  error: string,
  attempts: number,
  at: Date,
): { key: Buffer | null; value: Buffer | null; headers: Record<string, Buffer | string> } {
  const headers: Record<string, Buffer | string> = {};
  for (const [k, v] of Object.entries(message.headers ?? {})) {
    if (v === undefined) continue;
    const value = Array.isArray(v) ? v[0] : v;
    headers[k] = Buffer.byteLength(value) > DLT_MAX_HEADER_BYTES ? Buffer.from(value).subarray(0, DLT_MAX_HEADER_BYTES) : value;
  }
  headers[DLT_HEADERS.originalTopic] = origin.topic;
  headers[DLT_HEADERS.originalPartition] = String(origin.partition);
  headers[DLT_HEADERS.originalOffset] = message.offset;
  headers[DLT_HEADERS.consumerGroup] = origin.group;
  headers[DLT_HEADERS.reason] = reason;
  headers[DLT_HEADERS.error] = error.slice(0, 2000);
  headers[DLT_HEADERS.failedAt] = at.toISOString();
  headers[DLT_HEADERS.attempts] = String(attempts);
  let value = message.value;
  if (value && value.length > DLT_MAX_VALUE_BYTES) {
    headers[DLT_HEADERS.valueBytes] = String(value.length);
    headers[DLT_HEADERS.valueTruncated] = 'true';
    value = value.subarray(0, DLT_VALUE_HEAD_BYTES);
  }
  const key = message.key && message.key.length > DLT_MAX_HEADER_BYTES ? message.key.subarray(0, DLT_MAX_HEADER_BYTES) : message.key;
  return { key, value, headers };
}
