import { CONTRACTS_BY_CONTEXT } from './catalog';
import { dataSchemaUri } from './event-contract';

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
  for (const e of owned.events) {
    messages[e.name] = {
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
    components: {
      messages,
      schemas: {
        CloudEventsHeaders: {
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
        },
      },
    },
  };
}
