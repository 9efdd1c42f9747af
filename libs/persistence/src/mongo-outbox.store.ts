import type { Collection, Document } from 'mongodb';
import type { OutboxEntry, OutboxStore, PendingDocument } from '@civil/messaging';

/** Field of an aggregate document that holds its unpublished events. */
export const OUTBOX_FIELD = 'outbox';

/** The update fragment that queues events in the same single-document write as the change. */
export function pushToOutbox(entries: readonly OutboxEntry[]): { $push: any } {
  return { $push: { [OUTBOX_FIELD]: { $each: [...entries] } } };
}

/**
 * Outbox entries kept inside the documents of one collection. Works on MongoDB and on
 * MongoDB-wire servers without transactions or change streams: only find, $pull and bulkWrite.
 */
export class MongoOutboxStore implements OutboxStore {
  constructor(
    readonly name: string,
    private readonly collection: Collection<Document>,
  ) {}

  async pending(limit: number, ids?: readonly unknown[]): Promise<PendingDocument[]> {
    const filter: Document = { [`${OUTBOX_FIELD}.0`]: { $exists: true } };
    if (ids) filter._id = { $in: [...ids] };
    const docs = await this.collection.find(filter, { projection: { [OUTBOX_FIELD]: 1 } }).limit(limit).toArray();
    return docs.map((d) => ({ docId: d._id, entries: (d[OUTBOX_FIELD] ?? []) as OutboxEntry[] }));
  }

  async markPublished(done: readonly { docId: unknown; entryIds: string[] }[]): Promise<void> {
    if (done.length === 0) return;
    await this.collection.bulkWrite(
      done.map((d) => ({
        updateOne: { filter: { _id: d.docId as never }, update: { $pull: { [OUTBOX_FIELD]: { id: { $in: d.entryIds } } } as never } },
      })),
      { ordered: false },
    );
  }
}
