import { Injectable, OnModuleInit } from '@nestjs/common';
import { Clock } from '@civil/kernel';
import type { RelayPacer } from '@civil/persistence';
import { createLogger, InjectClock } from '@civil/platform';
import type { IssueCandidate } from '../domain/household-issue';
import { BenefitRound, Entitlement, entitlementIdOf, RoundTotals, sumTotals } from '../domain/round';
import { EntitlementIssuanceStore, IssuanceMarker, issuanceMarker } from '../infrastructure/entitlement-issuance.store';
import { EntitlementRepository, StoredBucket } from '../infrastructure/entitlement.repository';
import { RoundRepository } from '../infrastructure/round.repository';
import { issuedEntry } from './entitlement-events';
import { BUCKET_READ_CHUNK, roundNotFound } from './round-access';
import { RoundCandidates } from './round-candidates';

/** Entitlement events announced to the relay and not yet published, at most (see RelayPacer). */
const RELAY_IN_FLIGHT = 5_000;
/**
 * Buckets written at once: the next bucket's entitlements and events are built while the
 * database stores the last one.
 */
const BUCKET_WRITERS = 2;

type Candidate = IssueCandidate;

export interface RunResult {
  roundId: string;
  status: BenefitRound['status'];
  /** Entitlements this run issued (0 for a rerun that found them all issued). */
  issuedNow: number;
  eligible: number;
  totals: RoundTotals;
}

/**
 * Issues a round's entitlements: who is eligible on the snapshot day, one entitlement per
 * beneficiary however often (or however concurrently) the round runs, each published as
 * EntitlementIssued.
 */
@Injectable()
export class IssueRound implements OnModuleInit {
  private readonly log = createLogger('social-relief', 'BenefitRounds');

  constructor(
    private readonly rounds: RoundRepository,
    private readonly entitlements: EntitlementRepository,
    private readonly issuance: EntitlementIssuanceStore,
    private readonly candidates: RoundCandidates,
    @InjectClock() private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.issuance.useBuilder(issuedEntry);
  }

  /**
   * Computes and issues the round's entitlements. Safe to run again, side by side, or after a
   * crash: an entitlement lives in the bucket its beneficiary hashes to, and a bucket is written by
   * compare-and-set, so each beneficiary gets one entitlement (and one EntitlementIssued) per round.
   *
   * People are read from the register roll bucket by bucket (the roll and a round hash people the
   * same way), so reading the next chunk of the roll, writing this chunk's entitlements and the
   * relay publishing the last ones all overlap.
   */
  async execute(round: BenefitRound): Promise<RunResult> {
    const t0 = Date.now();
    const source = await this.candidates.of(round);
    const pacer = this.issuance.pacer(RELAY_IN_FLIGHT);
    const all: number[] = Array.from({ length: round.buckets }, (_, b) => b);
    const chunkAt = (i: number) => all.slice(i, i + BUCKET_READ_CHUNK);
    const totals: RoundTotals[] = [];
    let issuedNow = 0;
    let readMs = 0;
    const read = (chunk: number[]) => {
      const started = Date.now();
      const p = source.read(chunk).then((g) => ((readMs += Date.now() - started), g));
      p.catch(() => undefined); // awaited in turn below
      return p;
    };
    let next = read(chunkAt(0));
    for (let i = 0; i < all.length; i += BUCKET_READ_CHUNK) {
      const chunk = chunkAt(i);
      const groups = await next;
      if (i + BUCKET_READ_CHUNK < all.length) next = read(chunkAt(i + BUCKET_READ_CHUNK));
      // a first run finds no buckets; only buckets with candidates are looked up
      const wanted = chunk.filter((b) => groups.has(b) || round.runs > 1);
      const existing = wanted.length ? await this.entitlements.buckets(round.roundId, wanted) : new Map<number, StoredBucket>();
      const todo = chunk.filter((b) => groups.has(b) || existing.has(b));
      // what these writes add may not reach Kafka before a crash: say so first, in one write
      const marked = new Map<number, IssuanceMarker>();
      const markers = todo
        .filter((b) => this.missing(groups.get(b) ?? [], existing.get(b)).length)
        .map((b) => issuanceMarker(round, b, existing.get(b)));
      await this.issuance.mark(markers);
      markers.forEach((m) => marked.set(m.bucket, m));
      await Promise.all(
        Array.from({ length: Math.min(BUCKET_WRITERS, todo.length) }, async () => {
          for (let b = todo.shift(); b !== undefined; b = todo.shift()) {
            const r = await this.issueBucket(round, b, groups.get(b) ?? [], existing.get(b), marked.get(b), pacer).catch((e: unknown) => {
              todo.length = 0; // the other writer stops too: the run fails as a whole and is run again
              throw e;
            });
            issuedNow += r.issued;
            totals.push(r.totals);
          }
        }),
      );
      if ((i / BUCKET_READ_CHUNK) % 16 === 15)
        await this.rounds.recordProgress(round.roundId, {
          bucketsDone: i + chunk.length,
          scanned: source.scanned,
          eligible: source.eligible,
        });
    }
    const final = await this.finish(round.roundId, sumTotals(totals), {
      bucketsDone: round.buckets,
      scanned: source.scanned,
      eligible: source.eligible,
    });
    this.log.info('benefit round issued', {
      roundId: round.roundId,
      issuedNow,
      entitlements: final.totals.entitlements,
      seconds: (Date.now() - t0) / 1000,
      readSeconds: readMs / 1000,
      relayWaitSeconds: pacer.waitedMs / 1000,
    });
    return { roundId: round.roundId, status: final.status, issuedNow, eligible: source.eligible, totals: final.totals };
  }

  private missing(candidates: readonly Candidate[], stored: StoredBucket | undefined): Candidate[] {
    const have = new Set(stored?.items.map((e) => e.beneficiaryRef));
    return candidates.filter((c) => !have.has(c.ref));
  }

  /** Adds to a bucket the entitlements it is missing (the issuance writes it, under its marker, and announces their events). */
  private issueBucket(
    round: BenefitRound,
    bucket: number,
    candidates: Candidate[],
    stored: StoredBucket | undefined,
    marked: IssuanceMarker | undefined,
    pacer: RelayPacer,
  ): Promise<{ issued: number; totals: RoundTotals }> {
    return this.issuance.issue(round, bucket, stored, marked, pacer, (current) => {
      const now = this.clock.now();
      return this.missing(candidates, current).map((c) => this.entitlementOf(round, c, now, bucket));
    });
  }

  private entitlementOf(round: BenefitRound, c: Candidate, now: Date, bucket: number): Entitlement {
    return {
      entitlementId: entitlementIdOf(round.roundId, c.ref, round.buckets, bucket),
      beneficiaryType: c.type,
      beneficiaryRef: c.ref,
      register: c.register,
      quantity: c.quantity,
      amountFen: round.amountFen * c.quantity,
      divisionCode: c.divisionCode,
      issuedAt: now.toISOString(),
    };
  }

  private async finish(roundId: string, totals: RoundTotals, progress: BenefitRound['progress']): Promise<BenefitRound> {
    const { state } = await this.rounds.store.change(
      roundId,
      (c) => ({
        // a run finishing side by side may have seen more of the buckets: keep the larger tally
        next: {
          ...c,
          status: 'issued',
          issuedAt: this.clock.now().toISOString(),
          progress,
          totals: totals.entitlements >= c.totals.entitlements ? totals : c.totals,
        },
        changes: [],
      }),
      () => roundNotFound(roundId),
    );
    return state;
  }
}
