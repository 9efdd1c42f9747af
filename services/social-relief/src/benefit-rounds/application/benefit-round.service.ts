import { Injectable } from '@nestjs/common';
import { EntitlementIssuedV1, EntitlementRedeemedV1, RELIEF_REGISTER_LABELS, ReliefRegister, ROUND_KIND_LABELS, RoundKind } from '@civil/contracts';
import { Clock, covers, deterministicId, DomainError } from '@civil/kernel';
import { OutboxEntry, outboxEntry, OutboxRelay } from '@civil/messaging';
import { assertCovers, createLogger, InjectClock, Principal } from '@civil/platform';
import { qualifiesForBedSubsidy } from '../../institution-copy/domain/institution-copy';
import { InstitutionCopyRepository } from '../../institution-copy/infrastructure/institution-copy.repository';
import { PersonRegistry } from '../../people/application/person-registry';
import {
  BenefitRound,
  bucketOf,
  DEFAULT_BUCKETS,
  eligibleRegister,
  emptyTotals,
  Entitlement,
  entitlementIdOf,
  insideDivision,
  parseEntitlementId,
  roundProblems,
  RoundTotals,
  ROUND_STATUS_LABELS,
  sumTotals,
  totalsOf,
} from '../domain/round';
import { EntitlementRepository, StoredBucket } from '../infrastructure/entitlement.repository';
import { RoundRepository } from '../infrastructure/round.repository';
import { RelayPacer } from './relay-pacer';

const CAS_ATTEMPTS = 8;
/** People read from the registry per batch while a round scans. */
const SCAN_BATCH = 5_000;
/** Entitlement events announced to the relay and not yet published, at most (see RelayPacer). */
const RELAY_IN_FLIGHT = 5_000;
/**
 * Buckets written at once: the next bucket's entitlements and events are built while the
 * database stores the last one.
 */
const BUCKET_WRITERS = 2;
/** Buckets read together when looking for those that exist. */
const BUCKET_READ_CHUNK = 32;

export interface NewRound {
  roundId: string;
  kind: RoundKind;
  title: string;
  amountFen: number;
  registers: ReliefRegister[];
  snapshotDate: string;
  divisionCode: string;
}

interface Candidate {
  ref: string;
  type: 'person' | 'unit';
  register: ReliefRegister | null;
  quantity: number;
  divisionCode: string;
}

export interface RunResult {
  roundId: string;
  status: BenefitRound['status'];
  /** Entitlements this run issued (0 for a rerun that found them all issued). */
  issuedNow: number;
  eligible: number;
  totals: RoundTotals;
}

/**
 * Benefit rounds: who is eligible on the snapshot day, one entitlement per beneficiary however
 * often (or however concurrently) the round runs, each published as EntitlementIssued; and the
 * redemption of an entitlement, once.
 */
@Injectable()
export class BenefitRoundService {
  private readonly log = createLogger('social-relief', 'BenefitRounds');
  /** Buckets this process announced lately: their pending events are the relay's, not to announce twice. */
  private readonly announced = new Map<string, number>();

  constructor(
    private readonly rounds: RoundRepository,
    private readonly entitlements: EntitlementRepository,
    private readonly registry: PersonRegistry,
    private readonly copies: InstitutionCopyRepository,
    private readonly relay: OutboxRelay,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async create(input: NewRound, principal: Principal): Promise<BenefitRound> {
    assertCovers(principal, input.divisionCode);
    const problems = roundProblems(input);
    if (problems.length) throw DomainError.invalid('InvalidRound', problems.map((p) => `${p.field}: ${p.reason}`).join('; '), { fields: problems.map((p) => ({ field: p.field, reasons: [p.reason] })) });
    const round: BenefitRound = {
      ...input,
      registers: [...new Set(input.registers)],
      buckets: DEFAULT_BUCKETS,
      status: 'draft',
      runs: 0,
      createdBy: principal.sub,
      createdAt: this.clock.now().toISOString(),
      startedAt: null,
      issuedAt: null,
      progress: { bucketsDone: 0, scanned: 0, eligible: 0 },
      totals: emptyTotals(),
    };
    if (!(await this.rounds.insert(round))) throw DomainError.conflict('RoundExists', `a round ${input.roundId} exists already`, { roundId: input.roundId });
    return round;
  }

  async get(roundId: string, principal: Principal): Promise<BenefitRound> {
    const round = (await this.rounds.get(roundId))?.value;
    if (!round) throw DomainError.notFound('RoundNotFound', `no round ${roundId}`, { roundId });
    // officers inside the round's area see it, as do those above it
    if (!covers(principal.jurisdiction, round.divisionCode) && !covers(round.divisionCode, principal.jurisdiction)) assertCovers(principal, round.divisionCode);
    return round;
  }

  async list(principal: Principal): Promise<BenefitRound[]> {
    return (await this.rounds.list()).filter((r) => covers(principal.jurisdiction, r.divisionCode) || covers(r.divisionCode, principal.jurisdiction));
  }

  /** Marks the round running (from draft, from an interrupted run, or again after issue). */
  async start(roundId: string, principal: Principal): Promise<BenefitRound> {
    for (let attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
      const current = await this.rounds.get(roundId);
      if (!current) throw DomainError.notFound('RoundNotFound', `no round ${roundId}`, { roundId });
      assertCovers(principal, current.value.divisionCode);
      const next: BenefitRound = { ...current.value, status: 'running', runs: current.value.runs + 1, startedAt: this.clock.now().toISOString() };
      if (await this.rounds.save(current.version, next)) return next;
    }
    throw Object.assign(new Error(`round ${roundId} kept changing; try again`), { transient: true });
  }

  /**
   * Computes and issues the round's entitlements. Safe to run again, side by side, or after a
   * crash: an entitlement lives in the bucket its beneficiary hashes to, and a bucket is written by
   * compare-and-set, so each beneficiary gets one entitlement (and one EntitlementIssued) per round.
   */
  async compute(round: BenefitRound): Promise<RunResult> {
    const t0 = Date.now();
    const groups = new Map<number, Candidate[]>();
    let scanned = 0;
    let eligible = 0;
    const add = (c: Candidate) => {
      const b = bucketOf(c.ref, round.buckets);
      const list = groups.get(b);
      if (list) list.push(c);
      else groups.set(b, [c]);
      eligible++;
    };
    if (round.kind === 'bed-subsidy') {
      for (const u of await this.copies.socialCapitalElderlyHomes(round.divisionCode)) {
        scanned++;
        if (qualifiesForBedSubsidy(u)) add({ ref: u.unitId, type: 'unit', register: null, quantity: u.bedsInUse, divisionCode: u.divisionCode });
      }
    } else {
      for await (const batch of this.registry.withMemberships(round.registers, SCAN_BATCH)) {
        for (const p of batch) {
          if (!insideDivision(p.divisionCode, round.divisionCode)) continue;
          const register = eligibleRegister(p.memberships, round.registers, round.snapshotDate);
          if (register) add({ ref: p.personId, type: 'person', register, quantity: 1, divisionCode: p.divisionCode });
        }
        scanned += batch.length;
      }
    }
    await this.rounds.recordProgress(round.roundId, { bucketsDone: 0, scanned, eligible });
    const scanSeconds = (Date.now() - t0) / 1000;

    const pacer = new RelayPacer(this.relay, RELAY_IN_FLIGHT);
    const all: number[] = Array.from({ length: round.buckets }, (_, b) => b);
    const totals: RoundTotals[] = [];
    let issuedNow = 0;
    for (let i = 0; i < all.length; i += BUCKET_READ_CHUNK) {
      const chunk = all.slice(i, i + BUCKET_READ_CHUNK);
      // a first run finds no buckets; only buckets with candidates are looked up
      const wanted = chunk.filter((b) => groups.has(b) || round.runs > 1);
      const existing = wanted.length ? await this.entitlements.buckets(round.roundId, wanted) : new Map<number, StoredBucket>();
      const todo = chunk.filter((b) => groups.has(b) || existing.has(b));
      await Promise.all(
        Array.from({ length: Math.min(BUCKET_WRITERS, todo.length) }, async () => {
          for (let b = todo.shift(); b !== undefined; b = todo.shift()) {
            const r = await this.issueBucket(round, b, groups.get(b) ?? [], existing.get(b), pacer).catch((e: unknown) => {
              todo.length = 0; // the other writer stops too: the run fails as a whole and is run again
              throw e;
            });
            issuedNow += r.issued;
            totals.push(r.totals);
            groups.delete(b);
          }
        }),
      );
      if ((i / BUCKET_READ_CHUNK) % 16 === 15) await this.rounds.recordProgress(round.roundId, { bucketsDone: i + chunk.length, scanned, eligible });
    }
    const final = await this.finish(round.roundId, sumTotals(totals), { bucketsDone: round.buckets, scanned, eligible });
    this.log.info('benefit round issued', { roundId: round.roundId, issuedNow, entitlements: final.totals.entitlements, scanSeconds, writeSeconds: (Date.now() - t0) / 1000 - scanSeconds, relayWaitSeconds: pacer.waitedMs / 1000 });
    return { roundId: round.roundId, status: final.status, issuedNow, eligible, totals: final.totals };
  }

  private async issueBucket(round: BenefitRound, bucket: number, candidates: Candidate[], stored: StoredBucket | undefined, pacer: RelayPacer): Promise<{ issued: number; totals: RoundTotals }> {
    if (stored) await this.announceLeftovers(stored, pacer);
    for (let attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
      // the time of this write: the relay's crash recovery takes entries older than a few seconds
      const now = this.clock.now();
      const have = new Set(stored?.items.map((e) => e.beneficiaryRef));
      const items = candidates.filter((c) => !have.has(c.ref)).map((c) => this.entitlementOf(round, c, now));
      if (stored && !items.length) return { issued: 0, totals: stored.totals };
      const events = items.map((e) => this.issuedEvent(round, e, now));
      const docId = `${round.roundId}#${bucket}`;
      const totals = totalsOf([...(stored?.items ?? []), ...items]);
      const written = stored ? await this.entitlements.addToBucket(stored.docId, stored.version, items, totals, events) : await this.entitlements.insertBucket(round.roundId, bucket, items, totals, events);
      if (written) {
        await pacer.admit(events.length);
        this.announced.set(docId, Date.now());
        this.relay.notifyWritten(EntitlementRepository.COLLECTION, [{ docId, entries: events }]);
        return { issued: items.length, totals };
      }
      stored = await this.entitlements.bucket(round.roundId, bucket); // another run wrote it: decide again
      if (stored) await this.announceLeftovers(stored, pacer);
    }
    throw Object.assign(new Error(`bucket ${bucket} of round ${round.roundId} kept changing; run again`), { transient: true });
  }

  /**
   * Events a crashed run left in a bucket: announced again (paced), unless this process announced
   * the bucket lately, in which case the relay has them already.
   */
  private async announceLeftovers(stored: StoredBucket, pacer: RelayPacer): Promise<void> {
    if (!stored.pending.length) return;
    const last = this.announced.get(stored.docId);
    if (last !== undefined && Date.now() - last < 120_000) return;
    await pacer.admit(stored.pending.length);
    this.announced.set(stored.docId, Date.now());
    this.relay.notifyWritten(EntitlementRepository.COLLECTION, [{ docId: stored.docId, entries: stored.pending }]);
  }

  private entitlementOf(round: BenefitRound, c: Candidate, now: Date): Entitlement {
    return {
      entitlementId: entitlementIdOf(round.roundId, c.ref, round.buckets),
      beneficiaryType: c.type,
      beneficiaryRef: c.ref,
      register: c.register,
      quantity: c.quantity,
      amountFen: round.amountFen * c.quantity,
      divisionCode: c.divisionCode,
      issuedAt: now.toISOString(),
    };
  }

  private issuedEvent(round: BenefitRound, e: Entitlement, now: Date): OutboxEntry {
    return outboxEntry(
      EntitlementIssuedV1,
      { entitlementId: e.entitlementId, roundId: round.roundId, roundKind: round.kind, beneficiaryType: e.beneficiaryType, beneficiaryRef: e.beneficiaryRef, register: e.register, quantity: e.quantity, amountFen: e.amountFen, divisionCode: e.divisionCode, issuedAt: e.issuedAt },
      { time: now, id: deterministicId(EntitlementIssuedV1.type, e.entitlementId) },
    );
  }

  private async finish(roundId: string, totals: RoundTotals, progress: BenefitRound['progress']): Promise<BenefitRound> {
    for (let attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
      const current = await this.rounds.get(roundId);
      if (!current) throw DomainError.notFound('RoundNotFound', `no round ${roundId}`, { roundId });
      const c = current.value;
      // a run finishing side by side may have seen more of the buckets: keep the larger tally
      const next: BenefitRound = {
        ...c,
        status: 'issued',
        issuedAt: this.clock.now().toISOString(),
        progress,
        totals: totals.entitlements >= c.totals.entitlements ? totals : c.totals,
      };
      if (await this.rounds.save(current.version, next)) return next;
    }
    throw Object.assign(new Error(`round ${roundId} kept changing; run again`), { transient: true });
  }

  /** A page of a round's entitlements inside a division (defaults to the caller's jurisdiction). */
  async entitlementsOf(roundId: string, principal: Principal, divisionCode: string | undefined, page: number, pageSize: number) {
    const round = await this.get(roundId, principal);
    const within = divisionCode ?? (covers(round.divisionCode, principal.jurisdiction) ? principal.jurisdiction : round.divisionCode);
    assertCovers(principal, within);
    const skip = (page - 1) * pageSize;
    const items: ReturnType<BenefitRoundService['entitlementView']>[] = [];
    let seen = 0;
    let hasMore = false;
    const all = Array.from({ length: round.buckets }, (_, b) => b);
    outer: for (let i = 0; i < all.length; i += BUCKET_READ_CHUNK) {
      const buckets = await this.entitlements.buckets(roundId, all.slice(i, i + BUCKET_READ_CHUNK));
      for (const b of [...buckets.keys()].sort((x, y) => x - y)) {
        const stored = buckets.get(b)!;
        for (const e of stored.items) {
          if (!insideDivision(e.divisionCode, within)) continue;
          if (seen++ < skip) continue;
          if (items.length === pageSize) {
            hasMore = true;
            break outer;
          }
          items.push(this.entitlementView(roundId, e, stored.redeemed[e.entitlementId]));
        }
      }
    }
    return { roundId, divisionCode: within, page, pageSize, hasMore, items };
  }

  /** Records that an entitlement was redeemed; EntitlementRedeemed once, 409 the second time. */
  async redeem(entitlementId: string, principal: Principal) {
    const where = parseEntitlementId(entitlementId);
    const notFound = () => DomainError.notFound('EntitlementNotFound', `no entitlement ${entitlementId}`, { entitlementId });
    if (!where) throw notFound();
    for (let attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
      const stored = await this.entitlements.bucket(where.roundId, where.bucket);
      const e = stored?.items.find((x) => x.entitlementId === entitlementId);
      if (!stored || !e) throw notFound();
      assertCovers(principal, e.divisionCode);
      const done = stored.redeemed[entitlementId];
      if (done) throw DomainError.conflict('EntitlementAlreadyRedeemed', `entitlement ${entitlementId} was redeemed at ${done.at}; an entitlement is redeemed once`, { entitlementId, redeemedAt: done.at });
      const now = this.clock.now();
      const redemption = { at: now.toISOString(), by: principal.sub };
      const event = outboxEntry(
        EntitlementRedeemedV1,
        { entitlementId, roundId: where.roundId, beneficiaryRef: e.beneficiaryRef, divisionCode: e.divisionCode, amountFen: e.amountFen, redeemedAt: redemption.at },
        { time: now, id: deterministicId(EntitlementRedeemedV1.type, entitlementId) },
      );
      if (await this.entitlements.redeem(stored.docId, stored.version, entitlementId, redemption, event)) {
        this.relay.notifyWritten(EntitlementRepository.COLLECTION, [{ docId: stored.docId, entries: [event] }]);
        return this.entitlementView(where.roundId, e, redemption);
      }
    }
    throw Object.assign(new Error(`entitlement ${entitlementId} kept changing; try again`), { transient: true });
  }

  entitlementView(roundId: string, e: Entitlement, redeemed?: { at: string; by: string }) {
    return { ...e, roundId, registerLabel: e.register ? RELIEF_REGISTER_LABELS[e.register] : null, redeemedAt: redeemed?.at ?? null };
  }

  roundView(r: BenefitRound) {
    const { byRegister, ...sums } = r.totals;
    return {
      ...r,
      kindLabel: ROUND_KIND_LABELS[r.kind],
      statusLabel: ROUND_STATUS_LABELS[r.status],
      registerLabels: r.registers.map((x) => RELIEF_REGISTER_LABELS[x]),
      totals: { ...sums, byRegister: Object.entries(byRegister).map(([register, count]) => ({ register, label: RELIEF_REGISTER_LABELS[register as ReliefRegister], count })) },
    };
  }
}
