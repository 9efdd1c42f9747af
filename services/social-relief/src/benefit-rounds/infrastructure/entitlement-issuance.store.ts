import { Injectable } from '@nestjs/common';
import type { RoundKind } from '@civil/contracts';
import { groupBy } from '@civil/kernel';
import { currentTraceparent, OutboxEntry, OutboxRelay, PendingDocument } from '@civil/messaging';
import { collectionOf, InjectDatabase, MarkerFinding, MarkerOutbox, RelayPacer } from '@civil/persistence';
import type { Connection } from 'mongoose';
import { BenefitRound, bucketDocId, emptyTotals, Entitlement, RoundTotals, totalsOf } from '../domain/round';
import { EntitlementRepository, StoredBucket } from './entitlement.repository';

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

/** Builds the EntitlementIssued entry of an entitlement (the same id and data the run announced). */
export type IssuedEntryBuilder = (marker: IssuanceMarker, e: Entitlement) => OutboxEntry;

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
 * unfinished writes, instead of whole buckets. The markers are a MarkerOutbox (registered with the
 * relay, which publishes from them); this store says what a marker stands for and writes the
 * buckets it marks through it (`issue`).
 */
@Injectable()
export class EntitlementIssuanceStore {
  static readonly NAME = 'entitlement_issuance';
  readonly name = EntitlementIssuanceStore.NAME;
  /** The markers, registered with the relay, which publishes from them (see MarkerOutbox). */
  private readonly outbox: MarkerOutbox<IssuanceMarker>;
  private build?: IssuedEntryBuilder;

  constructor(
    @InjectDatabase() connection: Connection,
    private readonly entitlements: EntitlementRepository,
    relay: OutboxRelay,
  ) {
    this.outbox = new MarkerOutbox<IssuanceMarker>({
      collection: collectionOf(connection, EntitlementIssuanceStore.NAME),
      relay,
      idOf: (m) => EntitlementIssuanceStore.markerId(m),
      resolve: (markers) => this.resolve(markers),
    });
  }

  /**
   * Markers younger than this belong to a live writer's relay. A run renews a marker older than
   * half of this before it writes, so a slow Kafka does not make a second copy of each event.
   */
  get recoverAfterMs(): number {
    return this.outbox.recoverAfterMs;
  }

  set recoverAfterMs(ms: number) {
    this.outbox.recoverAfterMs = ms;
  }

  /** Paces a run's announcements to what the relay publishes (see RelayPacer). */
  pacer(limit: number): RelayPacer {
    return this.outbox.pacer(limit);
  }

  /**
   * Adds to one bucket the entitlements `newItems` finds missing from it, under a marker written
   * first, and announces their events to the relay. A bucket another run wrote since it was read
   * is read again and decided again. `marked`: the marker the chunk's marking wrote for this
   * bucket, if any.
   */
  issue(
    round: Pick<BenefitRound, 'roundId' | 'kind'>,
    bucket: number,
    stored: StoredBucket | undefined,
    marked: IssuanceMarker | undefined,
    pacer: RelayPacer,
    newItems: (stored: StoredBucket | undefined) => Entitlement[],
  ): Promise<{ issued: number; totals: RoundTotals }> {
    return this.outbox.write(
      stored,
      (current) => {
        const items = newItems(current);
        if (!items.length) return { result: { issued: 0, totals: current?.totals ?? emptyTotals() } };
        const totals = totalsOf([...(current?.items ?? []), ...items]);
        return {
          result: { issued: items.length, totals },
          write: {
            marker: issuanceMarker(round, bucket, current),
            entries: (marker) => {
              const build = this.builder();
              return items.map((e) => build(marker, e));
            },
            write: () =>
              current
                ? this.entitlements.addToBucket(current.docId, current.version, items, totals)
                : this.entitlements.insertBucket(round.roundId, bucket, items, totals),
          },
        };
      },
      () => this.entitlements.bucket(round.roundId, bucket),
      { marked, pacer, what: `bucket ${bucket} of round ${round.roundId}`, details: { roundId: round.roundId, bucket } },
    );
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
  mark(markers: readonly IssuanceMarker[]): Promise<void> {
    return this.outbox.mark(markers);
  }

  pending(limit: number, ids?: readonly unknown[]): Promise<PendingDocument[]> {
    return this.outbox.pending(limit, ids);
  }

  markPublished(done: readonly { docId: unknown; entryIds: string[] }[]): Promise<void> {
    return this.outbox.markPublished(done);
  }

  /**
   * The events of the entitlements each marker's write added, rebuilt from its bucket; where it
   * added nothing (yet), the fence of the bucket as read (its version moved on, or an empty bucket
   * created), so a writer still on its way fails its compare-and-set and marks again.
   */
  private async resolve(markers: readonly IssuanceMarker[]): Promise<MarkerFinding[]> {
    const build = this.builder();
    const buckets = new Map<string, StoredBucket>();
    for (const [roundId, ofRound] of groupBy(markers, (d) => d.roundId)) {
      for (const [b, stored] of await this.entitlements.buckets(roundId, [...new Set(ofRound.map((d) => d.bucket))]))
        buckets.set(bucketDocId(roundId, b), stored);
    }
    return markers.map((m) => {
      const stored = buckets.get(bucketDocId(m.roundId, m.bucket));
      const items = stored?.items.slice(m.from) ?? [];
      if (!items.length) return { fence: () => this.entitlements.fence(m.roundId, m.bucket, stored) };
      return { entries: items.map((e) => build(m, e)) };
    });
  }

  private builder(): IssuedEntryBuilder {
    if (!this.build) throw new Error('entitlement issuance store: no event builder registered');
    return this.build;
  }
}
