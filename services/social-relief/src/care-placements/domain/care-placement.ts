import type { CareCause, KeyPersonCategory, PlacementRefusalReason } from '@civil/contracts';
import { CARE_CAUSE_LABELS, CARE_CAUSES, PLACEMENT_REFUSAL_REASON_LABELS } from '@civil/contracts';
import { DomainError } from '@civil/kernel';

/**
 * The care placement (临时照料安置) of a child on a key-person list left without care (无人监护)
 * because the guardian is isolated or hospitalised (seed 001: 受隔离影响的…无人监护儿童; seeds 000/003
 * on 事实无人抚养 and 困境儿童). It opens when the no-guardian flag is raised with a cause, and runs:
 *
 *   needed → (requested to a unit → admitted | refused → needed …) → placed → ended → followed-up
 *
 * Placed means temporary care at a 儿童福利机构 / 未成年人救助保护机构 (the unit admits the child
 * under its own rules and answers), or an entrusted carer (委托照料) visited on a cadence. A child
 * not placed within the region's limit is overdue once per placement; the placement (or an end
 * before one) clears it. It ends when the guardian returns, and closes with the follow-up visit,
 * due within the region's days after the end and recorded on the key-person entry's visits.
 */
export { CARE_CAUSES };
export type { CareCause };

export const PLACEMENT_STATUSES = ['needed', 'requested', 'placed', 'ended', 'followed-up'] as const;
export type PlacementStatus = (typeof PLACEMENT_STATUSES)[number];

/** The categories whose children a placement is for. */
export const CHILD_CATEGORIES: readonly KeyPersonCategory[] = [
  'de-facto-unsupported-child',
  'left-behind-child',
  'orphan',
  'child-in-difficulty',
];

export const CARE_KINDS = ['institution', 'entrusted-carer'] as const;
export type CareKind = (typeof CARE_KINDS)[number];

export const END_REASONS = ['guardian-returned'] as const;
export type EndReason = (typeof END_REASONS)[number];

export const PLACEMENT_STATUS_LABELS: Record<PlacementStatus, string> = {
  needed: '待安置',
  requested: '已申请机构临时照料',
  placed: '已安置',
  ended: '已结束（待回访）',
  'followed-up': '已回访',
};
export const CARE_KIND_LABELS: Record<CareKind, string> = {
  institution: '机构临时照料',
  'entrusted-carer': '委托照料',
};
export const END_REASON_LABELS: Record<EndReason, string> = { 'guardian-returned': '监护人返家' };
export { CARE_CAUSE_LABELS, PLACEMENT_REFUSAL_REASON_LABELS };

/** A request to a unit to take the child into temporary care, and its answer. */
export interface UnitRequest {
  requestNo: number;
  unitId: string;
  requestedAt: Date;
  requestedBy: string;
  outcome: 'pending' | 'admitted' | 'refused';
  answeredAt: Date | null;
  refusalReason: PlacementRefusalReason | null;
  /** The resident the child is in the unit, once admitted. */
  residentRef: string | null;
}

/** The entrusted carer (委托照料人): name and phone only encrypted, with their masked forms. */
export interface ProtectedCarer {
  nameEnc: string;
  nameMasked: string;
  phoneEnc: string | null;
  phoneMasked: string | null;
  /** How they relate to the child (祖母, 邻居, 村儿童主任); not personal data. */
  relation: string;
}

export interface CarerVisit {
  visitedAt: Date;
  visitor: string;
  findings: string;
  recordedAt: Date;
}

export type Care =
  | { kind: 'institution'; unitId: string; requestNo: number; residentRef: string; isolated: boolean; placedAt: Date }
  | {
      kind: 'entrusted-carer';
      carer: ProtectedCarer;
      /** Days allowed between visits to the child at the carer's (the region's cadence on the day of placing). */
      visitCadenceDays: number;
      visits: CarerVisit[];
      placedAt: Date;
      placedBy: string;
    };

export interface FollowUp {
  /** The visit on the key-person entry. */
  visitId: string;
  visitedAt: Date;
  recordedAt: Date;
  by: string;
}

export interface CarePlacement {
  placementId: string;
  entryId: string;
  townshipCode: string;
  /** The child, by the key-person list's person reference. */
  childRef: string;
  divisionCode: string;
  divisionAncestors: string[];
  categories: KeyPersonCategory[];
  cause: CareCause;
  /** When the no-guardian flag was raised. */
  openedAt: Date;
  openedBy: string;
  /** The region's limit on the day it opened. */
  limitHours: number;
  /** Placed by then, or overdue. */
  dueAt: Date;
  status: PlacementStatus;
  requests: UnitRequest[];
  care: Care | null;
  /** When the sweep found it past its limit (once); null while not overdue. */
  overdueAt: Date | null;
  overdueClearedAt: Date | null;
  endedAt: Date | null;
  endedBy: string | null;
  endReason: EndReason | null;
  /** The follow-up visit is due by then (set at the end). */
  followUpDueAt: Date | null;
  followUp: FollowUp | null;
  updatedAt: Date;
}

/** What happened to a placement in one write that others hear of; `causation`: the event that caused it, if one did. */
export type CarePlacementChange = (
  | { type: 'requested'; request: UnitRequest; at: Date }
  | { type: 'ended'; at: Date }
  | { type: 'overdue'; at: Date }
  | { type: 'overdue-cleared'; outcome: 'placed' | 'ended'; at: Date }
) & { causation?: { causationId: string; correlationId: string } };

export interface Decided {
  placement: CarePlacement;
  changes: CarePlacementChange[];
}

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

/** Whether a no-guardian flag on an entry of these categories, with a cause, opens a placement. */
export function opensPlacement(flag: string, categories: readonly KeyPersonCategory[], cause: CareCause | undefined): cause is CareCause {
  return flag === 'no-guardian' && !!cause && categories.some((c) => CHILD_CATEGORIES.includes(c));
}

export interface NewPlacement {
  placementId: string;
  entryId: string;
  townshipCode: string;
  childRef: string;
  divisionCode: string;
  divisionAncestors: string[];
  categories: KeyPersonCategory[];
  cause: CareCause;
  openedAt: Date;
  openedBy: string;
  limitHours: number;
}

export function openPlacement(n: NewPlacement, now: Date): CarePlacement {
  if (!Number.isInteger(n.limitHours) || n.limitHours < 1) throw new RangeError('the placement limit is a whole number of hours ≥ 1');
  return {
    ...n,
    dueAt: new Date(n.openedAt.getTime() + n.limitHours * HOUR_MS),
    status: 'needed',
    requests: [],
    care: null,
    overdueAt: null,
    overdueClearedAt: null,
    endedAt: null,
    endedBy: null,
    endReason: null,
    followUpDueAt: null,
    followUp: null,
    updatedAt: now,
  };
}

export function pendingRequest(p: Pick<CarePlacement, 'requests'>): UnitRequest | undefined {
  return p.requests.find((r) => r.outcome === 'pending');
}

function assertStatus(p: CarePlacement, allowed: readonly PlacementStatus[], action: string): void {
  if (allowed.includes(p.status)) return;
  throw DomainError.conflict(
    'PlacementNotInState',
    `placement ${p.placementId} is ${p.status}: ${action} needs it to be ${allowed.join(' or ')}`,
    { status: p.status, rule: 'placement-state' },
  );
}

/** Clears an open overdue episode, with the change that tells supervision. */
function cleared(p: CarePlacement, outcome: 'placed' | 'ended', now: Date): { placement: CarePlacement; changes: CarePlacementChange[] } {
  if (!p.overdueAt || p.overdueClearedAt) return { placement: p, changes: [] };
  return { placement: { ...p, overdueClearedAt: now }, changes: [{ type: 'overdue-cleared', outcome, at: now }] };
}

/** Asks a unit to take the child in; one request pending at a time (409 `RequestPending`). */
export function requestUnit(p: CarePlacement, unitId: string, by: string, now: Date): Decided {
  const pending = pendingRequest(p);
  if (pending)
    throw DomainError.conflict('RequestPending', `unit ${pending.unitId} has not answered request ${pending.requestNo} yet`, {
      unitId: pending.unitId,
      rule: 'one-request-pending',
    });
  assertStatus(p, ['needed'], 'a request to a unit');
  const request: UnitRequest = {
    requestNo: p.requests.length + 1,
    unitId,
    requestedAt: now,
    requestedBy: by,
    outcome: 'pending',
    answeredAt: null,
    refusalReason: null,
    residentRef: null,
  };
  return {
    placement: { ...p, status: 'requested', requests: [...p.requests, request], updatedAt: now },
    changes: [{ type: 'requested', request, at: now }],
  };
}

function answer(p: CarePlacement, requestNo: number, patch: Partial<UnitRequest>): CarePlacement {
  return { ...p, requests: p.requests.map((r) => (r.requestNo === requestNo ? { ...r, ...patch } : r)) };
}

/**
 * The unit admitted the child: placed, clearing an overdue episode. Undefined (nothing to do) for
 * an answer already taken or to a request no longer pending. An admission that comes after the
 * placement ended is recorded on its request only: the end already asked the unit to discharge.
 */
export function admitted(
  p: CarePlacement,
  requestNo: number,
  residentRef: string,
  isolated: boolean,
  at: Date,
  now: Date,
): Decided | undefined {
  const request = p.requests.find((r) => r.requestNo === requestNo);
  if (!request || request.outcome !== 'pending') return undefined;
  const answered = answer(p, requestNo, { outcome: 'admitted', answeredAt: at, residentRef });
  if (p.status !== 'requested') return { placement: { ...answered, updatedAt: now }, changes: [] };
  const placed: CarePlacement = {
    ...answered,
    status: 'placed',
    care: { kind: 'institution', unitId: request.unitId, requestNo, residentRef, isolated, placedAt: at },
    updatedAt: now,
  };
  const c = cleared(placed, 'placed', now);
  return { placement: c.placement, changes: c.changes };
}

/** The unit refused: the child needs a placement again (another unit, or an entrusted carer). */
export function refused(p: CarePlacement, requestNo: number, reason: PlacementRefusalReason, at: Date, now: Date): Decided | undefined {
  const request = p.requests.find((r) => r.requestNo === requestNo);
  if (!request || request.outcome !== 'pending') return undefined;
  const answered = answer(p, requestNo, { outcome: 'refused', answeredAt: at, refusalReason: reason });
  return { placement: { ...answered, status: p.status === 'requested' ? 'needed' : p.status, updatedAt: now }, changes: [] };
}

export interface NewCarer {
  carer: ProtectedCarer;
  visitCadenceDays: number;
}

/** 委托照料: the child placed with an entrusted carer (not while a unit's answer is pending). */
export function placeWithCarer(p: CarePlacement, c: NewCarer, by: string, now: Date): Decided {
  const pending = pendingRequest(p);
  if (pending)
    throw DomainError.conflict('RequestPending', `unit ${pending.unitId} has not answered request ${pending.requestNo} yet`, {
      unitId: pending.unitId,
      rule: 'one-request-pending',
    });
  assertStatus(p, ['needed'], 'placing with an entrusted carer');
  const placed: CarePlacement = {
    ...p,
    status: 'placed',
    care: { kind: 'entrusted-carer', carer: c.carer, visitCadenceDays: c.visitCadenceDays, visits: [], placedAt: now, placedBy: by },
    updatedAt: now,
  };
  const r = cleared(placed, 'placed', now);
  return { placement: r.placement, changes: r.changes };
}

/** A visit to the child at the entrusted carer's (visitedAt not in the future). */
export function recordCarerVisit(p: CarePlacement, v: { visitedAt: Date; visitor: string; findings: string }, now: Date): CarePlacement {
  assertStatus(p, ['placed'], 'a visit at the carer’s');
  if (p.care?.kind !== 'entrusted-carer')
    throw DomainError.conflict('NotWithCarer', `placement ${p.placementId} is in a unit's care: the unit keeps its own records`, {
      rule: 'carer-visits-for-entrusted-care',
    });
  if (v.visitedAt.getTime() > now.getTime())
    throw DomainError.invalid('VisitInFuture', 'visitedAt is in the future', { field: 'visitedAt' });
  const visit: CarerVisit = { ...v, recordedAt: now };
  return { ...p, care: { ...p.care, visits: [...p.care.visits, visit] }, updatedAt: now };
}

/** When the next visit at the carer's is due (from the last visit, or the placing); null unless with a carer. */
export function nextCarerVisitDue(p: Pick<CarePlacement, 'status' | 'care'>): Date | null {
  if (p.status !== 'placed' || p.care?.kind !== 'entrusted-carer') return null;
  const last = p.care.visits.reduce((m, v) => Math.max(m, v.visitedAt.getTime()), p.care.placedAt.getTime());
  return new Date(last + p.care.visitCadenceDays * DAY_MS);
}

/** The guardian is back: the placement ends (placed or not), and the follow-up visit falls due. */
export function endPlacement(p: CarePlacement, reason: EndReason, followUpDays: number, by: string, now: Date): Decided {
  assertStatus(p, ['needed', 'requested', 'placed'], 'the end');
  const ended: CarePlacement = {
    ...p,
    status: 'ended',
    endedAt: now,
    endedBy: by,
    endReason: reason,
    followUpDueAt: new Date(now.getTime() + followUpDays * DAY_MS),
    updatedAt: now,
  };
  const c = cleared(ended, 'ended', now);
  return { placement: c.placement, changes: [{ type: 'ended', at: now }, ...c.changes] };
}

/**
 * What the end tells a unit: the unit caring for the child, or the one asked whose answer is still
 * pending (it discharges the child if it admits after all); null when no unit is involved.
 */
export function unitToRelease(p: Pick<CarePlacement, 'care' | 'requests'>): { unitId: string; requestNo: number } | null {
  if (p.care?.kind === 'institution') return { unitId: p.care.unitId, requestNo: p.care.requestNo };
  const pending = pendingRequest(p);
  return pending ? { unitId: pending.unitId, requestNo: pending.requestNo } : null;
}

/** The follow-up visit after the end, once (recorded as a visit on the key-person entry). */
export function recordFollowUp(p: CarePlacement, f: FollowUp, now: Date): CarePlacement {
  assertStatus(p, ['ended'], 'the follow-up visit');
  if (f.visitedAt.getTime() < p.endedAt!.getTime())
    throw DomainError.invalid(
      'FollowUpBeforeEnd',
      'visitedAt is before the placement ended: a follow-up comes after the guardian is back',
      {
        field: 'visitedAt',
      },
    );
  return { ...p, status: 'followed-up', followUp: f, updatedAt: now };
}

/** Whether the follow-up visit is late (ended, not followed up, past its due time). */
export function followUpOverdue(p: Pick<CarePlacement, 'status' | 'followUpDueAt'>, now: Date): boolean {
  return p.status === 'ended' && !!p.followUpDueAt && now.getTime() > p.followUpDueAt.getTime();
}

/** Whether the child is still waiting for a placement past the limit. */
export function isPastLimit(p: Pick<CarePlacement, 'status' | 'dueAt'>, now: Date): boolean {
  return (p.status === 'needed' || p.status === 'requested') && now.getTime() > p.dueAt.getTime();
}

/** Marks it overdue once; undefined when not due or already marked. */
export function markOverdue(p: CarePlacement, now: Date): Decided | undefined {
  if (p.overdueAt || !isPastLimit(p, now)) return undefined;
  return { placement: { ...p, overdueAt: now, updatedAt: now }, changes: [{ type: 'overdue', at: now }] };
}
