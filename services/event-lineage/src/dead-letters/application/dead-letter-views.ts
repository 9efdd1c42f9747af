import { DeadLetter } from '../../ingestion/domain/lineage-record';
import { DeadLetterDoc } from '../../ingestion/application/read-record';

export function deadLetterView(doc: DeadLetterDoc): DeadLetter {
  const view: DeadLetter = {
    id: doc._id,
    dltTopic: doc.dltTopic,
    partition: doc.partition,
    offset: doc.offset,
    originalTopic: doc.originalTopic,
    originalPartition: doc.originalPartition,
    originalOffset: doc.originalOffset,
    reason: doc.reason,
    attempts: doc.attempts,
    failedAt: doc.failedAt.toISOString(),
    eventId: doc.eventId,
    type: doc.type,
    region: doc.region,
    consumerGroup: doc.consumerGroup,
    payloadText: doc.payloadText,
    headers: doc.headers,
    replayCount: doc.replayCount,
  };
  for (const k of Object.keys(view) as (keyof DeadLetter)[]) if (view[k] === undefined) delete view[k];
  return view;
}
