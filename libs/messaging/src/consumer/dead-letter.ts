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
} as const;

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
    headers[k] = Array.isArray(v) ? v[0] : v;
  }
  headers[DLT_HEADERS.originalTopic] = origin.topic;
  headers[DLT_HEADERS.originalPartition] = String(origin.partition);
  headers[DLT_HEADERS.originalOffset] = message.offset;
  headers[DLT_HEADERS.consumerGroup] = origin.group;
  headers[DLT_HEADERS.reason] = reason;
  headers[DLT_HEADERS.error] = error.slice(0, 2000);
  headers[DLT_HEADERS.failedAt] = at.toISOString();
  headers[DLT_HEADERS.attempts] = String(attempts);
  return { key: message.key, value: message.value, headers };
}
