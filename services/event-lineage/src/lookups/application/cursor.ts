import { DomainError } from '@civil/kernel';

/** A page's end, opaque to the client: the sort key (time, id) of its last item. */
export function encodeCursor(at: Date, id: string): string {
  return Buffer.from(JSON.stringify([at.toISOString(), id])).toString('base64url');
}

export function decodeCursor(cursor: string): { at: Date; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    const date = new Date(at);
    if (typeof id !== 'string' || Number.isNaN(date.getTime())) throw new Error('bad cursor');
    return { at: date, id };
  } catch {
    throw DomainError.invalid('InvalidCursor', 'cursor is not one this service gave out', { field: 'cursor' });
  }
}
