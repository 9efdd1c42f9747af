import { Injectable, OnModuleInit } from '@nestjs/common';
import type { RoundKind } from '@civil/contracts';
import { groupBy } from '@civil/kernel';
import { currentTraceparent, OutboxEntry, OutboxRelay, OutboxStore, PendingDocument } from '@civil/messaging';
import { collectionOf, InjectDatabase, isDuplicateKeyError } from '@civil/persistence';
import { randomUUID } from 'node:crypto';
import type { Collection } from 'mongodb';
import type { Connection } from 'mongoose';
import { BenefitRound, bucketDocId, emptyTotals, Entitlement, RoundTotals, totalsOf } from '../domain/round';
import { EntitlementRepository, StoredBucket } from './entitlement.repository';
import { RelayPacer } from './relay-pacer';

/**
 * "Entitlements from index `from` of a bucket may not be on Kafka yet": written before the bucket
 * write that adds them, removed once the relay has published them.
 */
export interface IssuanceMarker {
  roundId: string;
  roundKind: RoundKind;
  bucket: number;
  from: number;
  /** Wall-clock time of the write; the recovery scan leaves younger markers to their writer. */
  at: Date;
  /** The trace of the run, so events rebuilt after a crash continue it. */
  traceparent: string | null;
}

interface MarkerDoc extends IssuanceMarker {
  _id: string;
  lease?: { owner: string; until: Date };
}

/** Builds the EntitlementIssued entry of an entitlement (the same id and data the run announced). */
export type IssuedEntryBuilder = (marker: IssuanceMarker, e: Entitlement) => OutboxEntry;

/** Tries of one bucket's write before a run gives up (another run keeps writing the bucket). */
const WRITE_ATTEMPTS = 8;

/** The marker of a write that adds entitlements to a bucket as it was read (items are only ever appended). */
export function issuanceMarker(
  round: Pick<BenefitRound, 'roundId' | 'kind'>,
  bucket: number,
  stored: StoredBucket | undefined,
): IssuanceMarker {
  // what a write adds starts at the current length
  return {
    roundId: round.roundId,
    roundKind: round.kind,
    bucket,
    from: stored?.items.length ?? 0,
    at: new Date(),
    traceparent: currentTraceparent() ?? null,
  };
}

/**
 * The outbox of EntitlementIssued, without a copy of each event in the database. A bucket of a
 * round already holds everything its events say, and their ids are derived from the entitlement
 * ids, so the events can be rebuilt exactly. What must be durable is only which entitlements may
 * still be unpublished: a small marker per bucket write (`entitlement_issuance`, `_id` =
 * `<roundId>#<bucket>#<from>`), inserted before the write and deleted after publication.
 *
 * This keeps a million-person round from writing every event into its buckets and then rewriting
 * every bucket to remove them (most of its database traffic); the relay publishes announced
 * entries from memory as before, and its recovery scan reads markers, which exist only for
 * unfinished writes, instead of whole buckets. The store registers itself with the relay and
 * writes the buckets it marks (`issue`), announcing what each write added.
 */
@Injectable()
export class EntitlementIssuanceStore implements OutboxStore, OnModuleInit {
  static readonly NAME = 'entitlement_issuance';
  readonly name = EntitlementIssuanceStore.NAME;
  private readonly markers: Collection<MarkerDoc>;
  private readonly owner = randomUUID();
  private build?: IssuedEntryBuilder;
  /**
   * Markers younger than this belong to a live writer's relay. A run renews a marker older than
   * half of this before it writes (BenefitRoundService), so a slow Kafka does not make a second
   * copy of each event.
   */
  recoverAfterMs = 120_000;
  leaseMs = 30_000;

  constructor(
    @InjectDatabase() connection: Connection,
    private readonly entitlements: EntitlementRepository,
    private readonly relay: OutboxRelay,
  ) {
    this.markers = collectionOf(connection, EntitlementIssuanceStore.NAME);
  }

  async onModuleInit(): Promise<void> {
    this.relay.addStore(this);
    await this.markers.createIndex({ _id: 1 }, { unique: true }).catch(() => undefined);
  }

  /** Paces a run's announcements to what the relay publishes (see RelayPacer). */
  pacer(limit: number): RelayPacer {
    return new RelayPacer(this.relay, limit);
  }

  /**
   * Adds to one bucket the entitlements `newItems` finds missing from it, under a marker written
   * first, and announces their events to the relay. A bucket another run wrote since it was read
   * is read again and decided again. `marked`: the marker the chunk's marking wrote for this
   * bucket, if any.
   */
  async issue(
    round: Pick<BenefitRound, 'roundId' | 'kind'>,
    bucket: number,
    stored: StoredBucket | undefined,
    marked: IssuanceMarker | undefined,
    pacer: RelayPacer,
    newItems: (stored: StoredBucket | undefined) => Entitlement[],
  ): Promise<{ issued: number; totals: RoundTotals }> {
    for (let attempt = 0; attempt < WRITE_ATTEMPTS; attempt++) {
      const items = newItems(stored);
      if (!items.length) return { issued: 0, totals: stored?.totals ?? emptyTotals() };
      let marker = issuanceMarker(round, bucket, stored);
      // marked again after a lost compare-and-set even at the same start (the recovery scan may
      // have fenced the bucket and removed the marker), and when the chunk's marking has aged
      // while earlier buckets waited for the relay (the scan takes markers older than its limit)
      const renew = attempt > 0 || !marked || marked.from !== marker.from || Date.now() - marked.at.getTime() > this.recoverAfterMs / 2;
      if (renew) await this.mark([marker]);
      else marker = marked!;
      marked = marker;
      const totals = totalsOf([...(stored?.items ?? []), ...items]);
      const written = stored
        ? await this.entitlements.addToBucket(stored.docId, stored.version, items, totals)
        : await this.entitlements.insertBucket(round.roundId, bucket, items, totals);
      if (written) {
        const build = this.builder();
        const events = items.map((e) => build(marker, e));
        await pacer.admit(events.length);
        this.relay.notifyWritten(EntitlementIssuanceStore.NAME, [{ docId: EntitlementIssuanceStore.markerId(marker), entries: events }]);
        return { issued: items.length, totals };
      }
      stored = await this.entitlements.bucket(round.roundId, bucket); // another run wrote it: decide again
    }
    throw Object.assign(new Error(`bucket ${bucket} of round ${round.roundId} kept changing; run again`), { transient: true });
  }

  /** How entries are rebuilt (the rounds service knows the event's shape). */
  useBuilder(build: IssuedEntryBuilder): void {
    this.build = build;
  }

  static markerId(m: Pick<IssuanceMarker, 'roundId' | 'bucket' | 'from'>): string {
    return `${bucketDocId(m.roundId, m.bucket)}#${m.from}`;
  }

  /**
   * Records, before the writes, which entitlements the coming bucket writes add. A marker that
   * exists already (a crashed run's, or a run side by side that chose the same start) says the
   * same thing; its time is renewed, so the recovery scan leaves it to this writer for a while.
   */
  async mark(markers: readonly IssuanceMarker[]): Promise<void> {
    if (!markers.length) return;
    const write = () =>
      this.markers.bulkWrite(
        markers.map((m) => ({
          updateOne: { filter: { _id: EntitlementIssuanceStore.markerId(m) }, update: { $set: { ...m } }, upsert: true },
        })),
        { ordered: false },
      );
    // two upserts of one new marker at once: one inserts, the other may fail on the key; the
    // marker exists then, and writing again renews it
    await write().catch((e: unknown) => {
      if (!isDuplicateKeyError(e)) throw e;
      return write();
    });
  }

  async pending(limit: number, ids?: readonly unknown[]): Promise<PendingDocument[]> {
    const now = Date.now();
    let docs: MarkerDoc[];
    if (ids) {
      docs = (await this.markers.find({ _id: { $in: ids.map(String) } }).toArray()).filter(
        (d) => !d.lease || d.lease.owner === this.owner || new Date(d.lease.until).getTime() <= now,
      );
    } else {
      const claimable = {
        at: { $lte: new Date(now - this.recoverAfterMs) },
        $or: [{ lease: { $exists: false } }, { 'lease.owner': this.owner }, { 'lease.until': { $lte: new Date(now) } }],
      };
      const candidates = await this.markers
        .find(claimable as never, { projection: { _id: 1 } })
        .limit(limit)
        .toArray();
      if (!candidates.length) return [];
      const ids = candidates.map((c) => c._id);
      await this.markers.updateMany({ ...claimable, _id: { $in: ids } } as never, {
        $set: { lease: { owner: this.owner, until: new Date(now + this.leaseMs) } },
      });
      docs = (await this.markers.find({ _id: { $in: ids } }).toArray()).filter((d) => d.lease?.owner === this.owner);
    }
    docs = docs.slice(0, limit);
    if (!docs.length) return [];
    const build = this.builder();
    const buckets = new Map<string, StoredBucket>();
    for (const [roundId, markers] of groupBy(docs, (d) => d.roundId)) {
      for (const [b, stored] of await this.entitlements.buckets(roundId, [...new Set(markers.map((d) => d.bucket))]))
        buckets.set(bucketDocId(roundId, b), stored);
    }
    const out: PendingDocument[] = [];
    for (const d of docs) {
      const stored = buckets.get(bucketDocId(d.roundId, d.bucket));
      const items = stored?.items.slice(d.from) ?? [];
      // Nothing written at `from` yet: the write the marker announced never happened, or has not
      // happened yet. The marker may go only once that write can no longer succeed unseen, so the
      // bucket is fenced (its version moved on, or an empty bucket created): a writer still on its
      // way then fails its compare-and-set, reads again and marks again. If someone wrote in
      // between, the marker stays for the next pass.
      if (!items.length) {
        // removed here, and only as read: a writer that lost to the fence marks again under the
        // same id, and that renewed marker must stay
        if (await this.entitlements.fence(d.roundId, d.bucket, stored)) await this.markers.deleteOne({ _id: d._id, at: d.at });
        continue;
      }
      out.push({ docId: d._id, entries: items.map((e) => build(d, e)) });
    }
    return out;
  }

  private builder(): IssuedEntryBuilder {
    if (!this.build) throw new Error('entitlement issuance store: no event builder registered');
    return this.build;
  }

  async markPublished(done: readonly { docId: unknown; entryIds: string[] }[]): Promise<void> {
    if (!done.length) return;
    await this.markers.deleteMany({ _id: { $in: done.map((d) => String(d.docId)) } });
  }
}
