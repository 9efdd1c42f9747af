import { Injectable, OnModuleInit } from '@nestjs/common';
import { RELIEF_REGISTER_LABELS, ReliefRegister, ROUND_KIND_LABELS, RoundKind } from '@civil/contracts';
import { Clock, covers, DomainError, groupBy, shanghaiDate } from '@civil/kernel';
import type { RelayPacer } from '@civil/persistence';
import { assertCovers, assertFoundWithin, createLogger, InjectClock, Principal, RegionalSettingsService } from '@civil/platform';
import { qualifiesForBedSubsidy } from '../../institution-copy/domain/institution-copy';
import { InstitutionCopyRepository } from '../../institution-copy/infrastructure/institution-copy.repository';
import { PersonRegistry } from '../../people/application/person-registry';
import { ROLL_BUCKETS, RollMember } from '../../people/domain/register-roll';
import type { SettingKey } from '../../regional-settings/domain/settings';
import { DEFAULT_BED_SUBSIDY_POLICY } from '../domain/bed-subsidy';
import { HouseholdCandidates, IssueCandidate } from '../domain/household-issue';
import {
  BenefitRound,
  bucketOf,
  DEFAULT_BUCKETS,
  emptyTotals,
  eligibleRegister,
  Entitlement,
  entitlementIdOf,
  insideDivision,
  parseEntitlementId,
  roundProblems,
  RoundTotals,
  ROUND_STATUS_LABELS,
  sumTotals,
  defaultUnitOfIssue,
  UNIT_OF_ISSUE_LABELS,
  UnitOfIssue,
  unitOfIssueOf,
} from '../domain/round';
import { BedSubsidyPaymentRepository } from '../infrastructure/bed-subsidy-payments.repository';
import { EntitlementIssuanceStore, IssuanceMarker, issuanceMarker } from '../infrastructure/entitlement-issuance.store';
import { EntitlementRepository, StoredBucket } from '../infrastructure/entitlement.repository';
import { RoundRepository } from '../infrastructure/round.repository';
import { issuedEntry } from './entitlement-events';

/** Unknown, or out of the caller's sight: the same answer. */
const roundNotFound = (roundId: string) => DomainError.notFound('RoundNotFound', `no round ${roundId}`, { roundId });

/** Officers inside a round's area see it, as do those above it. */
const seesRound = (principal: Principal, round: BenefitRound) =>
  covers(principal.jurisdiction, round.divisionCode) || covers(round.divisionCode, principal.jurisdiction);
/** Entitlement events announced to the relay and not yet published, at most (see RelayPacer). */
const RELAY_IN_FLIGHT = 5_000;
/**
 * Buckets written at once: the next bucket's entitlements and events are built while the
 * database stores the last one.
 */
const BUCKET_WRITERS = 2;
/** Buckets read together, from the roll and of the round's own entitlements. */
const BUCKET_READ_CHUNK = 32;

export interface NewRound {
  roundId: string;
  kind: RoundKind;
  title: string;
  amountFen: number;
  registers: ReliefRegister[];
  snapshotDate: string;
  divisionCode: string;
  /** Person or household; when not given, a kit round issues per household, any other per person. */
  unitOfIssue?: UnitOfIssue;
  /** Bed subsidy only: the policy it pays under (a unit is paid once per policy); default the one of seed 000. */
  policyId?: string;
}

/** A chunk of buckets' candidates at a time, and how many were looked at and found so far. */
interface CandidateSource {
  read(chunk: number[]): Promise<Map<number, Candidate[]>>;
  readonly scanned: number;
  readonly eligible: number;
}

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
 * Benefit rounds: who is eligible on the snapshot day, one entitlement per beneficiary however
 * often (or however concurrently) the round runs, each published as EntitlementIssued; and the
 * redemption of an entitlement, once.
 */
@Injectable()
export class BenefitRoundService implements OnModuleInit {
  private readonly log = createLogger('social-relief', 'BenefitRounds');

  constructor(
    private readonly rounds: RoundRepository,
    private readonly entitlements: EntitlementRepository,
    private readonly issuance: EntitlementIssuanceStore,
    private readonly registry: PersonRegistry,
    private readonly copies: InstitutionCopyRepository,
    private readonly bedSubsidyPayments: BedSubsidyPaymentRepository,
    private readonly settings: RegionalSettingsService<SettingKey>,
    @InjectClock() private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.issuance.useBuilder(issuedEntry);
  }

  async create(input: NewRound, principal: Principal): Promise<BenefitRound> {
    assertCovers(principal, input.divisionCode);
    const problems = roundProblems(input);
    if (problems.length)
      throw DomainError.invalid('InvalidRound', problems.map((p) => `${p.field}: ${p.reason}`).join('; '), {
        fields: problems.map((p) => ({ field: p.field, reasons: [p.reason] })),
      });
    const round: BenefitRound = {
      ...input,
      registers: [...new Set(input.registers)],
      unitOfIssue: input.kind === 'bed-subsidy' ? null : (input.unitOfIssue ?? defaultUnitOfIssue(input.kind)),
      policyId: input.kind === 'bed-subsidy' ? (input.policyId ?? DEFAULT_BED_SUBSIDY_POLICY) : null,
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
    if (!(await this.rounds.store.create(round, [])))
      throw DomainError.conflict('RoundExists', `a round ${input.roundId} exists already`, { roundId: input.roundId });
    return round;
  }

  async get(roundId: string, principal: Principal): Promise<BenefitRound> {
    const round = (await this.rounds.get(roundId))?.value;
    // officers inside the round's area see it, as do those above it; to anyone else it is unknown
    if (!round || !seesRound(principal, round)) throw roundNotFound(roundId);
    return round;
  }

  async list(principal: Principal): Promise<BenefitRound[]> {
    return (await this.rounds.list()).filter((r) => seesRound(principal, r));
  }

  /** Marks the round running (from draft, from an interrupted run, or again after issue). */
  async start(roundId: string, principal: Principal): Promise<BenefitRound> {
    const { state } = await this.rounds.store.change(
      roundId,
      (current) => {
        if (!seesRound(principal, current)) throw roundNotFound(roundId);
        assertCovers(principal, current.divisionCode);
        return {
          next: { ...current, status: 'running', runs: current.runs + 1, startedAt: this.clock.now().toISOString() },
          changes: [],
        };
      },
      () => roundNotFound(roundId),
    );
    return state;
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
  async compute(round: BenefitRound): Promise<RunResult> {
    const t0 = Date.now();
    const source = await this.candidatesOf(round);
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

  /**
   * Where a round's candidates come from, a chunk of buckets at a time. A person round whose
   * buckets are the roll's reads the roll chunk by chunk as it issues; a household round reads the
   * roll chunk by chunk first, keeping one candidate per household (its members are spread over
   * the roll's buckets); any other gathers its candidates first and groups them (the bed
   * subsidy's few hundred homes, or a round made with another bucket count).
   */
  private async candidatesOf(round: BenefitRound): Promise<CandidateSource> {
    const counts = { scanned: 0, eligible: 0 };
    const personCandidates = (members: readonly RollMember[]) => {
      const out: Candidate[] = [];
      for (const p of members) {
        counts.scanned++;
        if (!insideDivision(p.divisionCode, round.divisionCode)) continue;
        const register = eligibleRegister(p.memberships, round.registers, round.snapshotDate);
        if (register) out.push({ ref: p.personId, type: 'person', register, quantity: 1, divisionCode: p.divisionCode });
      }
      counts.eligible += out.length;
      return out;
    };
    const source = (read: CandidateSource['read']): CandidateSource => ({
      read,
      get scanned() {
        return counts.scanned;
      },
      get eligible() {
        return counts.eligible;
      },
    });
    const unitOfIssue = unitOfIssueOf(round);
    if (unitOfIssue === 'person' && round.buckets === ROLL_BUCKETS) {
      return source(async (chunk) => {
        const groups = new Map<number, Candidate[]>();
        for (const [b, members] of await this.registry.rollBuckets(chunk)) {
          const found = personCandidates(members);
          if (found.length) groups.set(b, found);
        }
        return groups;
      });
    }
    const everyone: Candidate[] = [];
    if (round.kind === 'bed-subsidy') {
      everyone.push(...(await this.bedSubsidyCandidates(round, counts)));
    } else {
      // the roll is read a chunk of buckets at a time and never held: a household's members hash
      // to buckets of their own, so only its one candidate is kept until every chunk has been read
      const households = unitOfIssue === 'household' ? new HouseholdCandidates<Candidate>(round) : undefined;
      for (let b = 0; b < ROLL_BUCKETS; b += BUCKET_READ_CHUNK) {
        const chunk = Array.from({ length: Math.min(BUCKET_READ_CHUNK, ROLL_BUCKETS - b) }, (_, j) => b + j);
        for (const members of (await this.registry.rollBuckets(chunk)).values()) {
          const found = personCandidates(members);
          if (households) households.add(found, members);
          else everyone.push(...found);
        }
      }
      if (households) {
        everyone.push(...households.all());
        counts.eligible = households.size;
      }
    }
    const groups = groupBy(everyone, (c) => bucketOf(c.ref, round.buckets));
    return source(async (chunk) => new Map(chunk.filter((b) => groups.has(b)).map((b) => [b, groups.get(b)!])));
  }

  /**
   * Social-capital 养老机构 with beds in use (day-care centres where the unit's region includes them on
   * the day of the run, as beds in use are those of the day), less those another round already paid
   * under the round's policy (一次性).
   */
  private async bedSubsidyCandidates(round: BenefitRound, counts: { scanned: number; eligible: number }): Promise<Candidate[]> {
    const qualifying: Candidate[] = [];
    const today = shanghaiDate(this.clock.now());
    const includeDayCare = new Map<string, boolean>();
    for (const u of await this.copies.socialCapitalElderlyHomes(round.divisionCode)) {
      counts.scanned++;
      if (!includeDayCare.has(u.divisionCode))
        includeDayCare.set(u.divisionCode, (await this.settings.valueFor('bed-subsidy-includes-day-care', u.divisionCode, today)) === 1);
      if (qualifiesForBedSubsidy(u, { includeDayCare: includeDayCare.get(u.divisionCode)! }))
        qualifying.push({ ref: u.unitId, type: 'unit', register: null, quantity: u.bedsInUse, divisionCode: u.divisionCode });
    }
    const policy = round.policyId ?? DEFAULT_BED_SUBSIDY_POLICY;
    const paidHere = await this.bedSubsidyPayments.claim(
      policy,
      round.roundId,
      qualifying.map((c) => c.ref),
      this.clock.now(),
    );
    const out = qualifying.filter((c) => paidHere.has(c.ref));
    counts.eligible = out.length;
    return out;
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
    const stored = await this.entitlements.bucket(where.roundId, where.bucket);
    // an entitlement never changes once written: only the bucket's redemptions are decided again
    const e = stored?.items.find((x) => x.entitlementId === entitlementId);
    if (!stored || !e) throw notFound();
    assertFoundWithin(principal, notFound, e.divisionCode);
    const now = this.clock.now();
    const redemption = { at: now.toISOString(), by: principal.sub };
    await this.entitlements.redemptions.change(
      stored.docId,
      (bucket) => {
        const redeemed = bucket.redeemed ?? {};
        const done = redeemed[entitlementId];
        if (done)
          throw DomainError.conflict(
            'EntitlementAlreadyRedeemed',
            `entitlement ${entitlementId} was redeemed at ${done.at}; an entitlement is redeemed once`,
            { entitlementId, redeemedAt: done.at },
          );
        return {
          next: { ...bucket, redeemed: { ...redeemed, [entitlementId]: redemption } },
          changes: [{ type: 'redeemed', roundId: where.roundId, entitlement: e, redemption, at: now }],
        };
      },
      notFound,
    );
    return this.entitlementView(where.roundId, e, redemption);
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
      unitOfIssue: unitOfIssueOf(r),
      unitOfIssueLabel: UNIT_OF_ISSUE_LABELS[unitOfIssueOf(r)],
      totals: {
        ...sums,
        byRegister: Object.entries(byRegister).map(([register, count]) => ({
          register,
          label: RELIEF_REGISTER_LABELS[register as ReliefRegister],
          count,
        })),
      },
    };
  }
}
