import { randomUUID } from 'node:crypto';
import type { Collection, Document } from 'mongodb';
import type { OutboxEntry, OutboxStore, PendingDocument } from '@civil/messaging';

/** Field of an aggregate document that holds its unpublished events. */
export const OUTBOX_FIELD = 'outbox';
/** Which relay is publishing a document's entries, and until when. */
export const LEASE_FIELD = 'outboxLease';

/** The update fragment that queues events in the same single-document write as the change. */
export function pushToOutbox(entries: readonly OutboxEntry[]): { $push: any } {
  return { $push: { [OUTBOX_FIELD]: { $each: [...entries] } } };
}

/**
 * Outbox entries kept inside the documents of one collection. Works on MongoDB and on
 * MongoDB-wire servers without transactions or change streams: only find, updateMany, $pull and
 * bulkWrite. A relay leases the documents it is about to publish, so replicas polling the same
 * collection do not publish the same events side by side; a lease left by a crashed relay
 * expires and the events are published by whoever polls next.
 */
export class MongoOutboxStore implements OutboxStore {
  private readonly owner = randomUUID();

  constructor(
    readonly name: string,
    private readonly collection: Collection<Document>,
    private readonly leaseMs = 30_000,
  ) {}

  async pending(limit: number, ids?: readonly unknown[]): Promise<PendingDocument[]> {
    const now = new Date();
    const claimable: Document = {
      [`${OUTBOX_FIELD}.0`]: { $exists: true },
      $or: [{ [LEASE_FIELD]: { $exists: false } }, { [`${LEASE_FIELD}.owner`]: this.owner }, { [`${LEASE_FIELD}.until`]: { $lte: now } }],
    };
    if (ids) claimable._id = { $in: [...ids] };
    const candidates = await this.collection.find(claimable, { projection: { _id: 1 } }).limit(limit).toArray();
    if (candidates.length === 0) return [];
    const lease = { owner: this.owner, until: new Date(now.getTime() + this.leaseMs) };
    await this.collection.updateMany({ ...claimable, _id: { $in: candidates.map((c) => c._id) } }, { $set: { [LEASE_FIELD]: lease } });
    const docs = await this.collection
      .find({ _id: { $in: candidates.map((c) => c._id) }, [`${LEASE_FIELD}.owner`]: this.owner }, { projection: { [OUTBOX_FIELD]: 1 } })
      .toArray();
    return docs.map((d) => ({ docId: d._id, entries: (d[OUTBOX_FIELD] ?? []) as OutboxEntry[] }));
  }

  async markPublished(done: readonly { docId: unknown; entryIds: string[] }[]): Promise<void> {
    if (done.length === 0) return;
    await this.collection.bulkWrite(
      done.map((d) => ({
        updateOne: {
          filter: { _id: d.docId as never },
          update: { $pull: { [OUTBOX_FIELD]: { id: { $in: d.entryIds } } }, $unset: { [LEASE_FIELD]: '' } } as never,
        },
      })),
      { ordered: false },
    );
  }
}
