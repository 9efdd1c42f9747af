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
 * MongoDB-wire servers without transactions, change streams or secondary indexes: the hot path
 * reads and updates by `_id` only.
 *
 * Two paths find entries. Right after a write, the writer's relay is told the ids it wrote and
 * publishes them at once. A poll finds entries nobody announced (their writer crashed): only
 * entries older than `recoverAfterMs`, so it never races a live writer's relay, and under a lease,
 * so replicas polling together do not publish the same entries side by side.
 */
export class MongoOutboxStore implements OutboxStore {
  private readonly owner = randomUUID();

  constructor(
    readonly name: string,
    private readonly collection: Collection<Document>,
    private readonly options: { leaseMs?: number; recoverAfterMs?: number } = {},
  ) {}

  async pending(limit: number, ids?: readonly unknown[]): Promise<PendingDocument[]> {
    const now = Date.now();
    if (ids) {
      const docs = await this.collection
        .find({ _id: { $in: [...ids] as never[] } }, { projection: { [OUTBOX_FIELD]: 1, [LEASE_FIELD]: 1 } })
        .toArray();
      return docs
        .filter((d) => (d[OUTBOX_FIELD]?.length ?? 0) > 0 && this.mayPublish(d[LEASE_FIELD], now))
        .slice(0, limit)
        .map((d) => ({ docId: d._id, entries: d[OUTBOX_FIELD] as OutboxEntry[] }));
    }
    const stale = new Date(now - (this.options.recoverAfterMs ?? 10_000));
    const claimable: Document = {
      [`${OUTBOX_FIELD}.0.at`]: { $lte: stale },
      $or: [
        { [LEASE_FIELD]: { $exists: false } },
        { [`${LEASE_FIELD}.owner`]: this.owner },
        { [`${LEASE_FIELD}.until`]: { $lte: new Date(now) } },
      ],
    };
    const candidates = await this.collection
      .find(claimable, { projection: { _id: 1 } })
      .limit(limit)
      .toArray();
    if (candidates.length === 0) return [];
    const lease = { owner: this.owner, until: new Date(now + (this.options.leaseMs ?? 30_000)) };
    await this.collection.updateMany({ ...claimable, _id: { $in: candidates.map((c) => c._id) } }, { $set: { [LEASE_FIELD]: lease } });
    const docs = await this.collection
      .find({ _id: { $in: candidates.map((c) => c._id) } }, { projection: { [OUTBOX_FIELD]: 1, [LEASE_FIELD]: 1 } })
      .toArray();
    return docs
      .filter((d) => d[LEASE_FIELD]?.owner === this.owner && (d[OUTBOX_FIELD]?.length ?? 0) > 0)
      .map((d) => ({ docId: d._id, entries: d[OUTBOX_FIELD] as OutboxEntry[] }));
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

  /** Another relay's live lease means it is publishing these entries now. */
  private mayPublish(lease: { owner?: string; until?: Date } | undefined, now: number): boolean {
    return !lease || lease.owner === this.owner || !lease.until || new Date(lease.until).getTime() <= now;
  }
}
