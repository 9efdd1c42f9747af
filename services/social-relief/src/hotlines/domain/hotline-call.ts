import { CALL_URGENCIES, CallUrgency, Hotline, HOTLINES, NEED_CATEGORIES, NeedCategory } from '@civil/contracts';
import { DomainError } from '@civil/kernel';

/**
 * Service hotlines (服务热线) and the calls they take: the psychological-aid line (心理援助热线,
 * seed 002), the 12349 elderly-care service line (12349便民/养老服务热线, seed 002) and the
 * social-relief hotline (社会救助服务热线, seed 004: 保持畅通，及时受理和回应困难群众求助).
 *
 * A call is received (受理), may be routed once — to a key-person visit, a relief application or
 * another agency — and ends answered (回应, the caller told the outcome) or closed without an answer
 * (unreachable, a duplicate, withdrawn). It is due an answer within the line's service level for its
 * urgency, counted from receipt; past that it is overdue once, until answered or closed.
 */
export { CALL_URGENCIES, HOTLINES, NEED_CATEGORIES };
export type { CallUrgency, Hotline, NeedCategory };

export const CALL_STATUSES = ['received', 'routed', 'answered', 'closed'] as const;
export type CallStatus = (typeof CALL_STATUSES)[number];

export const ROUTE_TARGETS = ['key-person-visit', 'relief-application', 'referral'] as const;
export type RouteTarget = (typeof ROUTE_TARGETS)[number];

export const CLOSURE_REASONS = ['caller-unreachable', 'duplicate', 'withdrawn'] as const;
export type ClosureReason = (typeof CLOSURE_REASONS)[number];

/** Where a call was handed on, by reference only. */
export type CallRoute =
  | { target: 'key-person-visit'; townshipCode: string; entryId: string; routedAt: Date; routedBy: string }
  | { target: 'relief-application'; applicationId: string; routedAt: Date; routedBy: string }
  | { target: 'referral'; agency: string; note: string; routedAt: Date; routedBy: string };

/** The caller's name and phone as kept: encrypted, with the masked forms shown. */
export interface ProtectedCaller {
  nameEnc: string | null;
  nameMasked: string | null;
  phoneEnc: string | null;
  phoneMasked: string | null;
}

export interface HotlineCall {
  callId: string;
  line: Hotline;
  /** The division operating the line (a county's 12349, a city's psychological-aid line). */
  lineDivisionCode: string;
  /** Enclosing divisions of the line's division, for scoped listings and figures. */
  divisionAncestors: string[];
  /** Where the caller lives or the need is (within the line's division). */
  callerDivisionCode: string;
  category: NeedCategory;
  urgency: CallUrgency;
  /** What the caller asked for, as the operator noted it (kept here, never published). */
  summary: string | null;
  caller: ProtectedCaller | null;
  receivedAt: Date;
  recordedBy: string;
  /** The service level that applied on the day of receipt, in minutes. */
  serviceLevelMinutes: number;
  dueAt: Date;
  status: CallStatus;
  route: CallRoute | null;
  answeredAt: Date | null;
  answeredBy: string | null;
  reply: string | null;
  closedAt: Date | null;
  closureReason: ClosureReason | null;
  /** When the sweep found the call past its service level (once); null while not overdue. */
  overdueAt: Date | null;
  /** The overdue episode was cleared by the answer or the closure. */
  overdueClearedAt: Date | null;
}

/** What happened to a call in one write that others hear of. */
export type HotlineCallChange = { type: 'overdue'; at: Date } | { type: 'overdue-cleared'; outcome: 'answered' | 'closed'; at: Date };

export interface NewCall {
  callId: string;
  line: Hotline;
  lineDivisionCode: string;
  divisionAncestors: string[];
  callerDivisionCode: string;
  category: NeedCategory;
  urgency: CallUrgency;
  summary: string | null;
  caller: ProtectedCaller | null;
  receivedAt: Date;
  recordedBy: string;
  serviceLevelMinutes: number;
}

const MINUTE = 60_000;

export function receiveCall(c: NewCall): HotlineCall {
  if (!c.callerDivisionCode.startsWith(c.lineDivisionCode))
    throw DomainError.invalid('CallerOutsideLine', `the caller's division must lie within the line's division ${c.lineDivisionCode}`, {
      field: 'callerDivisionCode',
    });
  if (!Number.isInteger(c.serviceLevelMinutes) || c.serviceLevelMinutes < 1) throw new Error('service level must be whole minutes');
  return {
    ...c,
    dueAt: new Date(c.receivedAt.getTime() + c.serviceLevelMinutes * MINUTE),
    status: 'received',
    route: null,
    answeredAt: null,
    answeredBy: null,
    reply: null,
    closedAt: null,
    closureReason: null,
    overdueAt: null,
    overdueClearedAt: null,
  };
}

export function isOpen(call: Pick<HotlineCall, 'status'>): boolean {
  return call.status === 'received' || call.status === 'routed';
}

function assertOpen(call: HotlineCall): void {
  if (!isOpen(call))
    throw DomainError.conflict('CallEnded', `call ${call.callId} is ${call.status} already`, { callId: call.callId, rule: 'call-ended' });
}

/** Hands the call on (once): the call stays open until the caller is answered. */
export function routeCall(call: HotlineCall, route: CallRoute): HotlineCall {
  assertRoutable(call);
  return { ...call, status: 'routed', route };
}

/** The first step a routing would make, checked before anything is done elsewhere (a visit requested, an application started). */
export function assertRoutable(call: HotlineCall): void {
  assertOpen(call);
  if (call.route)
    throw DomainError.conflict('CallRoutedAlready', `call ${call.callId} was routed to ${call.route.target} already`, {
      callId: call.callId,
      rule: 'routed-once',
    });
}

function clearing(call: HotlineCall, outcome: 'answered' | 'closed', at: Date): HotlineCallChange[] {
  return call.overdueAt && !call.overdueClearedAt ? [{ type: 'overdue-cleared', outcome, at }] : [];
}

/** 回应: the caller told the outcome (directly, or after the routing). Ends an overdue episode. */
export function answerCall(call: HotlineCall, reply: string, by: string, at: Date): { call: HotlineCall; changes: HotlineCallChange[] } {
  assertOpen(call);
  if (!reply.trim()) throw DomainError.invalid('ReplyRequired', 'reply is required', { field: 'reply' });
  const changes = clearing(call, 'answered', at);
  return {
    call: {
      ...call,
      status: 'answered',
      answeredAt: at,
      answeredBy: by,
      reply,
      overdueClearedAt: changes.length ? at : call.overdueClearedAt,
    },
    changes,
  };
}

/** Closed without an answer. Ends an overdue episode (the figures still count it overdue). */
export function closeCall(call: HotlineCall, reason: ClosureReason, at: Date): { call: HotlineCall; changes: HotlineCallChange[] } {
  assertOpen(call);
  const changes = clearing(call, 'closed', at);
  return {
    call: { ...call, status: 'closed', closedAt: at, closureReason: reason, overdueClearedAt: changes.length ? at : call.overdueClearedAt },
    changes,
  };
}

/** Past the service level: strictly after the due time (an answer at the due instant is within it). */
export function isPastLevel(call: Pick<HotlineCall, 'dueAt'>, now: Date): boolean {
  return now.getTime() > call.dueAt.getTime();
}

/** The sweep's decision: an open call past its level and not yet found overdue becomes overdue (once). */
export function markOverdue(call: HotlineCall, now: Date): { call: HotlineCall; changes: HotlineCallChange[] } | undefined {
  if (!isOpen(call) || call.overdueAt || !isPastLevel(call, now)) return undefined;
  return { call: { ...call, overdueAt: now }, changes: [{ type: 'overdue', at: now }] };
}

/** Answered within the service level (at or before the due time). */
export function answeredWithinLevel(call: Pick<HotlineCall, 'answeredAt' | 'dueAt'>): boolean {
  return !!call.answeredAt && call.answeredAt.getTime() <= call.dueAt.getTime();
}

/** The settings key of a line's service level for an urgency. */
export function serviceLevelKey(line: Hotline, urgency: CallUrgency) {
  return `hotline-answer-minutes-${line}-${urgency}` as const;
}

/** zh-CN labels. */
export const HOTLINE_LABELS: Record<Hotline, string> = {
  'psychological-aid': '心理援助热线',
  'elderly-care-12349': '12349养老服务热线',
  'social-relief': '社会救助服务热线',
};
export const CALL_URGENCY_LABELS: Record<CallUrgency, string> = { crisis: '心理危机', urgent: '紧急', normal: '一般' };
export const NEED_CATEGORY_LABELS: Record<NeedCategory, string> = {
  'basic-living': '基本生活困难',
  medical: '就医困难',
  psychological: '心理疏导',
  'elderly-care': '养老照料',
  'child-care': '儿童照料',
  'epidemic-prevention': '疫情防控',
  'policy-inquiry': '政策咨询',
  other: '其他',
};
export const CALL_STATUS_LABELS: Record<CallStatus, string> = {
  received: '已受理',
  routed: '已转办',
  answered: '已回应',
  closed: '已关闭',
};
export const ROUTE_TARGET_LABELS: Record<RouteTarget, string> = {
  'key-person-visit': '转重点人群探访',
  'relief-application': '转救助申请',
  referral: '转介其他部门',
};
export const CLOSURE_REASON_LABELS: Record<ClosureReason, string> = {
  'caller-unreachable': '无法联系来电人',
  duplicate: '重复来电',
  withdrawn: '来电人撤回诉求',
};
