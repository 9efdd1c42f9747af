import { DomainError } from '@civil/kernel';
import { createHash } from 'node:crypto';

/** The request header a client sends to make a create safe to retry. */
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
/** Set on an answer that is a replay of the first one. */
export const IDEMPOTENT_REPLAYED_HEADER = 'Idempotent-Replayed';

/** 1–255 visible ASCII characters (no spaces, no control characters). */
const KEY = /^[\x21-\x7E]{1,255}$/;

/** The key of a request, or 400 `InvalidIdempotencyKey`; undefined when the header is absent. */
export function idempotencyKeyOf(header: string | string[] | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (typeof header !== 'string' || !KEY.test(header)) {
    throw DomainError.invalid('InvalidIdempotencyKey', `${IDEMPOTENCY_KEY_HEADER} must be 1–255 visible ASCII characters, sent once`, {
      field: IDEMPOTENCY_KEY_HEADER,
    });
  }
  return header;
}

/** JSON with object keys in order, so the same body sent with its fields in another order hashes the same. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.keys(value as Record<string, unknown>)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** What makes two requests with one key the same request: the path's parameters, the query and the body. */
export function requestFingerprint(request: { params?: unknown; query?: unknown; body?: unknown }): string {
  return sha256(JSON.stringify(canonical({ params: request.params ?? {}, query: request.query ?? {}, body: request.body ?? null })));
}

/** The record of a key: one per caller, method, route and key. */
export function idempotencyRecordId(sub: string, method: string, route: string, key: string): string {
  return sha256(JSON.stringify([sub, method, route, key]));
}
