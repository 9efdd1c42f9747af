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
  beneficiaryType: 'person' | 'unit';
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
export function roundProblems(r: Pick<BenefitRound, 'kind' | 'registers' | 'divisionCode'>): { field: string; reason: string }[] {
  const problems: { field: string; reason: string }[] = [];
  if (r.kind === 'bed-subsidy' && r.registers.length)
    problems.push({ field: 'registers', reason: 'a bed-subsidy round pays units, not registers: leave registers empty' });
  if (r.kind !== 'bed-subsidy' && !r.registers.length) problems.push({ field: 'registers', reason: 'name at least one register' });
  if (!/^(\d{2}|\d{4}|\d{6})$/.test(r.divisionCode))
    problems.push({ field: 'divisionCode', reason: 'a round covers a province (2), city (4) or county (6 digits)' });
  return problems;
}
