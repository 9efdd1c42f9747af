/**
 * What to do when a handler throws. Transient failures (the database or broker unreachable) are
 * retried and, if they persist, left on the partition to be retried after a restart: an outage
 * must not fill the dead-letter topic. A rejection is final at once. Anything else is retried a
 * few times, then dead-lettered so the partition keeps flowing.
 */
export type FailureKind = 'transient' | 'rejected' | 'failed';

const TRANSIENT_NAMES =
  /^(MongoNetworkError|MongoNetworkTimeoutError|MongoServerSelectionError|MongoNotConnectedError|MongoTopologyClosedError|MongoPoolClearedError|KafkaJSConnectionError|KafkaJSRequestTimeoutError|KafkaJSNumberOfRetriesExceeded|KafkaJSBrokerNotFound)$/;
const TRANSIENT_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH']);

/** Throw this from a handler for an event that can never be applied (it goes to the DLT at once). */
export class EventRejectedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EventRejectedError';
  }
}

export function classifyFailure(error: unknown): FailureKind {
  const e = error as { name?: string; code?: string; transient?: boolean; kind?: string; cause?: unknown } | undefined;
  if (!e) return 'failed';
  if (e.name === 'EventRejectedError') return 'rejected';
  // a DomainError of kind 'invalid' means the event breaks a rule; retrying cannot help
  if (e.name === 'DomainError' && e.kind === 'invalid') return 'rejected';
  if (e.transient === true || (e.name && TRANSIENT_NAMES.test(e.name)) || (e.code && TRANSIENT_CODES.has(e.code))) return 'transient';
  // mongoose holds commands while disconnected and gives up with this message
  if (e.name === 'MongooseError' && /buffering timed out/.test((error as Error).message)) return 'transient';
  if (e.cause && e.cause !== error) return classifyFailure(e.cause) === 'transient' ? 'transient' : 'failed';
  return 'failed';
}
