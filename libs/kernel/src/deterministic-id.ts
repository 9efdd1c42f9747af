import { createHash } from 'node:crypto';

/**
 * A UUID-shaped id derived from its parts (name-based, SHA-256). The same parts always give the
 * same id, so a timer fired twice or an event handled twice creates the same thing once.
 */
export function deterministicId(...parts: string[]): string {
  const h = createHash('sha256').update(parts.join('\u001f')).digest('hex');
  const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
