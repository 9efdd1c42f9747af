import { CONTRACTS_BY_CONTEXT } from './catalog';
import { dataSchemaUri, EventContract } from './event-contract';

/**
 * The AsyncAPI 3.0 document of one context, generated from its contracts (never hand-written):
 * one channel per topic, one message per event type, CloudEvents headers described once.
 */
export function asyncApiDocument(context: string): Record<string, unknown> {
  const owned = CONTRACTS_BY_CONTEXT[context];
  if (!owned) throw new Error(`unknown context: ${context}`);
  const channels: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  for (const topic of owned.topics) {
    const events = owned.events.filter((e) => e.topic === topic.name);
    channels[topic.name] = {
      address: topic.name,
      description: `${topic.description} Partitions: ${topic.partitions}; retention: ${topic.retentionMs / 86_400_000} days. Dead letters: ${topic.name}.dlt.`,
      messages: Object.fromEntries(events.map((e) => [e.name, { $ref: `#/components/messages/${e.name}` }])),
    };
    operations[`publish-${topic.name}`] = {
      action: 'send',
      channel: { $ref: `#/channels/${topic.name}` },
      messages: events.map((e) => ({ $ref: `#/channels/${topic.name}/messages/${e.name}` })),
    };
  }
  for (const e of owned.events) messages[e.name] = messageOf(e);
  return {
    asyncapi: '3.0.0',
    info: {
      title: `${context} events`,
      version: '1.0.0',
      description: 'Generated from libs/contracts. Kafka binary-mode CloudEvents 1.0; value is the JSON payload.',
    },
    defaultContentType: 'application/json',
    channels,
    operations,
    components: { messages, schemas: { CloudEventsHeaders } },
  };
}

/**
 * Services that publish no contract of their own but read topics of others, each with what it
 * reads: its document has a `receive` operation per channel it reads (and no `send`).
 */
export const READING_SERVICES: Record<string, { description: string; topics: () => string[]; deadLetters: boolean }> = {
  'event-lineage': {
    description:
      'Stores every record of every contract topic and of each dead-letter topic (<topic>.dlt: the original bytes and headers plus dlt_* headers saying where it came from and why it failed), once per (topic, partition, offset). Replaying a dead letter writes its original record back to the original topic with the headers replayed-from and replay-audit-id.',
    topics: () => Object.values(CONTRACTS_BY_CONTEXT).flatMap((c) => c.topics.map((t) => t.name)),
    deadLetters: true,
  },
};

/** The AsyncAPI 3.0 document of a service that only reads (see READING_SERVICES). */
export function readerAsyncApiDocument(service: string): Record<string, unknown> {
  const reader = READING_SERVICES[service];
  if (!reader) throw new Error(`unknown reading service: ${service}`);
  const all = Object.values(CONTRACTS_BY_CONTEXT).flatMap((c) => c.events);
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};
  for (const topic of reader.topics()) {
    const events = all.filter((e) => e.topic === topic);
    for (const e of events) messages[e.name] = messageOf(e);
    channels[topic] = {
      address: topic,
      messages: Object.fromEntries(events.map((e) => [e.name, { $ref: `#/components/messages/${e.name}` }])),
    };
    operations[`receive-${topic}`] = {
      action: 'receive',
      channel: { $ref: `#/channels/${topic}` },
      messages: events.map((e) => ({ $ref: `#/channels/${topic}/messages/${e.name}` })),
    };
    if (!reader.deadLetters) continue;
    channels[`${topic}.dlt`] = {
      address: `${topic}.dlt`,
      description: `Dead letters of ${topic}.`,
      messages: { DeadLetter: { $ref: '#/components/messages/DeadLetter' } },
    };
    operations[`receive-${topic}.dlt`] = {
      action: 'receive',
      channel: { $ref: `#/channels/${topic}.dlt` },
      messages: [{ $ref: `#/channels/${topic}.dlt/messages/DeadLetter` }],
    };
  }
  messages.DeadLetter = {
    name: 'DeadLetter',
    title: 'A record a consumer gave up on',
    summary: 'The original key, value bytes and headers, plus the dlt_* headers.',
    headers: { $ref: '#/components/schemas/DeadLetterHeaders' },
    payload: { description: 'The original value (its first 64 KiB when dlt_value_truncated is true).' },
  };
  return {
    asyncapi: '3.0.0',
    info: { title: `${service} (reads)`, version: '1.0.0', description: `Generated from libs/contracts. ${reader.description}` },
    defaultContentType: 'application/json',
    channels,
    operations,
    components: { messages, schemas: { CloudEventsHeaders, DeadLetterHeaders } },
  };
}

function messageOf(e: EventContract<any>): Record<string, unknown> {
  return {
    name: e.name,
    title: `${e.name} v${e.version}`,
    summary: e.description,
    contentType: 'application/json',
    headers: { $ref: '#/components/schemas/CloudEventsHeaders' },
    payload: e.schema,
    bindings: { kafka: { key: { type: 'string', description: e.keyDescription } } },
    examples: [
      {
        name: `${e.name}-example`,
        headers: { ce_type: e.type, ce_source: e.source, ce_dataschema: dataSchemaUri(e.type) },
        payload: e.example,
      },
    ],
  };
}

const DeadLetterHeaders = {
  type: 'object',
  required: ['dlt_original_topic', 'dlt_original_partition', 'dlt_original_offset', 'dlt_consumer_group', 'dlt_reason', 'dlt_failed_at'],
  properties: {
    dlt_original_topic: { type: 'string' },
    dlt_original_partition: { type: 'string' },
    dlt_original_offset: { type: 'string' },
    dlt_consumer_group: { type: 'string' },
    dlt_reason: { enum: ['malformed', 'schema-invalid', 'rejected', 'retries-exhausted'] },
    dlt_error: { type: 'string' },
    dlt_failed_at: { type: 'string', format: 'date-time' },
    dlt_attempts: { type: 'string' },
    dlt_value_bytes: { type: 'string' },
    dlt_value_truncated: { const: 'true' },
  },
} as const;

const CloudEventsHeaders = {
  type: 'object',
  required: ['ce_id', 'ce_source', 'ce_type', 'ce_specversion', 'ce_time', 'ce_subject', 'content-type'],
  properties: {
    ce_id: { type: 'string', description: 'Unique per source; the consumer de-duplication key with ce_source.' },
    ce_source: { type: 'string', description: '/civil-affairs/<context>' },
    ce_type: { type: 'string', description: 'Reverse-DNS type with major version.' },
    ce_specversion: { const: '1.0' },
    ce_time: { type: 'string', format: 'date-time' },
    ce_subject: { type: 'string', description: 'Aggregate id.' },
    'content-type': { const: 'application/json' },
    ce_dataschema: { type: 'string' },
    ce_correlationid: { type: 'string', description: 'Id shared by every event of one flow.' },
    ce_causationid: { type: 'string', description: 'ce_id of the event (or request id) that caused this one.' },
    ce_region: { type: 'string', description: 'Administrative division code of the subject.' },
    ce_traceparent: { type: 'string', description: 'W3C traceparent of the originating trace.' },
    traceparent: { type: 'string', description: 'W3C traceparent of this hop.' },
  },
} as const;
