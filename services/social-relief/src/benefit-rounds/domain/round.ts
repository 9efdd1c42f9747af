import { createHash } from 'node:crypto';
import type { ReliefRegister, RoundKind } from '@civil/contracts';
import { hashBucket } from '../../people/domain/hash-bucket';
import { registersOn, RegisterMembership } from '../../people/domain/person';
import { ROLL_BUCKETS } from '../../people/domain/register-roll';

/** draft → running → issued; a rerun of an issued round runs again and issues only what is missing. */
export const ROUND_STATUSES = ['draft', 'running', 'issued'] as const;
export type RoundStatus = (typeof ROUND_STATUSES)[number];

export const ROUND_STATUS_LABELS: Record<RoundStatus, string> = {
  draft: '草稿',
  running: '发放计算中',
  issued: '已发放',
};

/**
 * When a person is on several of a round's registers, the register recorded as the reason for the
 * entitlement: the most severe first (集中供养特困 → 散居特困 → 低保 → 支出型 → 低保边缘). The person still gets one.
 */
export const REGISTER_PRIORITY: readonly ReliefRegister[] = [
  'concentrated-extreme-poverty',
  'dispersed-extreme-poverty',
  'dibao',
  'expenditure-poverty',
  'near-dibao',
];

/**
 * Entitlements are kept in a fixed number of buckets per round (by a hash of the beneficiary), so
 * that "one per beneficiary" is a fact of one document however often, or however concurrently,
 * the round runs. 2048 buckets keep a bucket near 500 entitlements at a million people, and they
 * are the register roll's buckets, so a round reads and writes bucket by bucket.
 */
export const DEFAULT_BUCKETS = ROLL_BUCKETS;

/**
 * Whom a round issues to: each eligible person, or each household once however many of its members
 * are on the round's registers (seed 000: 为全县低收入家庭发放爱心防护包 — one kit per family). The bed
 * subsidy issues to units.
 */
export const UNITS_OF_ISSUE = ['person', 'household'] as const;
export type UnitOfIssue = (typeof UNITS_OF_ISSUE)[number];

export const UNIT_OF_ISSUE_LABELS: Record<UnitOfIssue | 'unit', string> = { person: '按人发放', household: '按户发放', unit: '按机构发放' };

/** What a round issues to when it does not say: a kit per household (seed 000), anything else per person. */
export function defaultUnitOfIssue(kind: RoundKind): UnitOfIssue {
  return kind === 'protection-kit' ? 'household' : 'person';
}

/** The unit of issue of a round as stored (rounds made before it was recorded issued per person). */
export function unitOfIssueOf(round: Pick<BenefitRound, 'kind' | 'unitOfIssue'>): UnitOfIssue | 'unit' {
  if (round.kind === 'bed-subsidy') return 'unit';
  return round.unitOfIssue ?? 'person';
}

export interface RoundTotals {
  entitlements: number;
  amountFen: number;
  quantity: number;
  byRegister: Partial<Record<ReliefRegister, number>>;
}

export interface BenefitRound {
  roundId: string;
  kind: RoundKind;
  title: string;
  /** Per beneficiary (fen); per bed in use for the bed subsidy. */
  amountFen: number;
  /** Registers whose members are eligible; empty for the bed subsidy. */
  registers: ReliefRegister[];
  /** Membership is judged at the end of this day (Beijing). */
  snapshotDate: string;
  /** Province, city or county the round covers. */
  divisionCode: string;
  /** Person or household (absent on rounds made before it was recorded: person); null for the bed subsidy. */
  unitOfIssue?: UnitOfIssue | null;
  /** The bed subsidy's policy: a unit is paid once per policy across all rounds (null for other kinds). */
  policyId?: string | null;
  buckets: number;
  status: RoundStatus;
  runs: number;
  createdBy: string;
  createdAt: string;
  startedAt: string | null;
  issuedAt: string | null;
  progress: { bucketsDone: number; scanned: number; eligible: number };
  totals: RoundTotals;
}

export const emptyTotals = (): RoundTotals => ({ entitlements: 0, amountFen: 0, quantity: 0, byRegister: {} });

/**
 * The register that makes a person eligible for a round: one of the round's registers the person
 * was on at the end of the snapshot day, by REGISTER_PRIORITY; null if none.
 */
export function eligibleRegister(
  memberships: readonly RegisterMembership[],
  registers: readonly ReliefRegister[],
  snapshotDate: string,
): ReliefRegister | null {
  const on = new Set(registersOn(memberships, snapshotDate).filter((r) => registers.includes(r)));
  return REGISTER_PRIORITY.find((r) => on.has(r)) ?? null;
}

/**
 * The household a person counts in for a household round: the household whose category put them on
 * one of the round's registers at the end of the snapshot day; null for a person on such a register
 * by no household (特困 by the county's decision), who is a household of one.
 */
export function householdOf(
  memberships: readonly RegisterMembership[],
  registers: readonly ReliefRegister[],
  snapshotDate: string,
): string | null {
  const m = memberships.find(
    (x) =>
      x.sourceType === 'household' && registers.includes(x.register) && x.from <= snapshotDate && (x.to === null || x.to > snapshotDate),
  );
  return m?.sourceId ?? null;
}

export function insideDivision(divisionCode: string, roundDivision: string): boolean {
  return divisionCode.startsWith(roundDivision);
}

function digest(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\u001f')).digest('hex');
}

/** The bucket a beneficiary's entitlement of a round lives in. */
export function bucketOf(beneficiaryRef: string, buckets: number): number {
  return hashBucket(beneficiaryRef, buckets);
}

/** One id per round and beneficiary; it names its bucket so it can be found by key. */
export function entitlementIdOf(
  roundId: string,
  beneficiaryRef: string,
  buckets: number,
  bucket = bucketOf(beneficiaryRef, buckets),
): string {
  return `ent-${roundId}-b${bucket}-${digest(roundId, beneficiaryRef).slice(0, 16)}`;
}

export function parseEntitlementId(entitlementId: string): { roundId: string; bucket: number } | null {
  const m = /^ent-([a-z0-9][a-z0-9-]*)-b(\d{1,6})-[0-9a-f]{16}$/.exec(entitlementId);
  return m ? { roundId: m[1], bucket: Number(m[2]) } : null;
}

export const bucketDocId = (roundId: string, bucket: number) => `${roundId}#${bucket}`;

/** An issued entitlement as kept in its bucket. */
export interface Entitlement {
  entitlementId: string;
  beneficiaryType: 'person' | 'household' | 'unit';
  beneficiaryRef: string;
  register: ReliefRegister | null;
  quantity: number;
  amountFen: number;
  divisionCode: string;
  issuedAt: string;
}

export function totalsOf(items: readonly Entitlement[]): RoundTotals {
  const t = emptyTotals();
  for (const e of items) addTo(t, e);
  return t;
}

export function addTo(t: RoundTotals, e: Pick<Entitlement, 'amountFen' | 'quantity' | 'register'>): void {
  t.entitlements += 1;
  t.amountFen += e.amountFen;
  t.quantity += e.quantity;
  if (e.register) t.byRegister[e.register] = (t.byRegister[e.register] ?? 0) + 1;
}

export function sumTotals(all: readonly RoundTotals[]): RoundTotals {
  const t = emptyTotals();
  for (const x of all) {
    t.entitlements += x.entitlements;
    t.amountFen += x.amountFen;
    t.quantity += x.quantity;
    for (const [r, n] of Object.entries(x.byRegister) as [ReliefRegister, number][]) t.byRegister[r] = (t.byRegister[r] ?? 0) + n;
  }
  return t;
}

/** 400 reasons for a round definition, by field. */
export function roundProblems(
  r: Pick<BenefitRound, 'kind' | 'registers' | 'divisionCode' | 'unitOfIssue' | 'policyId'>,
): { field: string; reason: string }[] {
  const problems: { field: string; reason: string }[] = [];
  if (r.kind === 'bed-subsidy' && r.unitOfIssue)
    problems.push({ field: 'unitOfIssue', reason: 'a bed-subsidy round pays units: leave unitOfIssue out' });
  if (r.kind !== 'bed-subsidy' && r.policyId)
    problems.push({ field: 'policyId', reason: 'only a bed-subsidy round names a policy (paid once per unit across rounds)' });
  if (r.kind === 'bed-subsidy' && r.registers.length)
    problems.push({ field: 'registers', reason: 'a bed-subsidy round pays units, not registers: leave registers empty' });
  if (r.kind !== 'bed-subsidy' && !r.registers.length) problems.push({ field: 'registers', reason: 'name at least one register' });
  if (!/^(\d{2}|\d{4}|\d{6})$/.test(r.divisionCode))
    problems.push({ field: 'divisionCode', reason: 'a round covers a province (2), city (4) or county (6 digits)' });
  return problems;
}
