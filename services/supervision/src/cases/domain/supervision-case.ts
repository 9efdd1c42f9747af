import { DomainError } from '@civil/kernel';
import type { CaseLevel, CaseType } from '@civil/contracts';
import { EscalationLadder, firstRung, nextEscalationAt, rungAbove } from '../../escalation-ladders/domain/escalation-ladder';

/**
 * A signal-driven supervision case (督办案件). One open case per subject and type: a unit that
 * keeps missing reports has one case counting its misses, not a pile. Each signal leaves an item
 * outstanding (a missed day, a symptom case, a shortage episode, an overdue step) until its
 * clearing event arrives; when none is outstanding the case is resolved. An officer may also
 * resolve a case, with a note, when no event will ever clear it (a missed disinfection round).
 */
export interface CaseHistoryEntry {
  at: Date;
  action: 'opened' | 'occurrence' | 'escalated' | 'resolved' | 'day-cleared';
  level: CaseLevel;
  /** ce_id of the event behind the step, for the evidence chain. */
  eventId?: string;
  /** ce_type of that event. */
  eventType?: string;
  note?: string;
  /** Who acted, for steps taken by a person. */
  by?: string;
}

export interface SupervisionCase {
  caseId: string;
  caseType: CaseType;
  subjectId: string;
  /** The unit (or funeral home) the case concerns, if any: its staff may read the case. */
  unitId?: string | null;
  divisionCode: string;
  divisionAncestors: string[];
  status: 'open' | 'resolved';
  level: CaseLevel;
  /** Urgent cases: the level told at once, above the one holding it (放宽上报程序). */
  reportedTo?: CaseLevel | null;
  openedAt: Date;
  nextEscalationAt: Date | null;
  occurrences: number;
  /** Signals still standing (days without a report, symptom cases, episodes, steps). */
  outstanding: string[];
  triggeringEventId: string;
  resolvedAt?: Date;
  resolvingEventId?: string;
  resolution?: string;
  history: CaseHistoryEntry[];
}

/** What a domain step decided, for the application layer to publish. */
export type CaseChange =
  | { kind: 'opened' }
  | { kind: 'occurrence' }
  | { kind: 'escalated'; from: CaseLevel; to: CaseLevel; reason: string }
  | { kind: 'resolved'; resolution: string; eventId: string }
  | { kind: 'day-cleared' }
  | { kind: 'none' };

export interface CaseOpening {
  caseId: string;
  caseType: CaseType;
  subjectId: string;
  unitId: string | null;
  divisionCode: string;
  divisionAncestors: string[];
  /** The first outstanding item (e.g. the missed day). */
  item: string;
  eventId: string;
  /** ce_type of the opening event, kept for the evidence chain. */
  eventType?: string;
  /** What happened, for the people holding the case. */
  note: string;
  /** Urgent signals are reported at once to the ladder's reportAtOnceTo level. */
  urgent?: boolean;
}

export function openCase(input: CaseOpening, ladder: EscalationLadder, now: Date): SupervisionCase {
  const rung = firstRung(ladder);
  return {
    caseId: input.caseId,
    caseType: input.caseType,
    subjectId: input.subjectId,
    unitId: input.unitId,
    divisionCode: input.divisionCode,
    divisionAncestors: input.divisionAncestors,
    status: 'open',
    level: rung.level,
    reportedTo: input.urgent && ladder.reportAtOnceTo ? ladder.reportAtOnceTo : null,
    openedAt: now,
    nextEscalationAt: nextEscalationAt(rung, now),
    occurrences: 1,
    outstanding: [input.item],
    triggeringEventId: input.eventId,
    history: [
      {
        at: now,
        action: 'opened',
        level: rung.level,
        eventId: input.eventId,
        ...(input.eventType ? { eventType: input.eventType } : {}),
        note: input.note,
      },
    ],
  };
}

/** Another signal on an open case: counted, the ladder keeps its pace. */
export function recordOccurrence(
  c: SupervisionCase,
  item: string,
  eventId: string,
  now: Date,
  note: string,
  eventType?: string,
): CaseChange {
  if (c.status !== 'open') throw DomainError.conflict('CaseResolved', `case ${c.caseId} is resolved`);
  if (c.outstanding.includes(item)) return { kind: 'none' };
  c.occurrences += 1;
  c.outstanding.push(item);
  c.history.push({ at: now, action: 'occurrence', level: c.level, eventId, ...(eventType ? { eventType } : {}), note });
  return { kind: 'occurrence' };
}

/**
 * A clearing event for an outstanding item (or, with `item: '*'`, for all of them) arrived;
 * the last one resolves the case.
 */
export function clearItem(
  c: SupervisionCase,
  item: string,
  eventId: string,
  now: Date,
  outcome: { resolution: string; note: string; eventType?: string },
): CaseChange {
  if (c.status !== 'open') return { kind: 'none' };
  if (item !== '*' && !c.outstanding.includes(item)) return { kind: 'none' };
  c.outstanding = item === '*' ? [] : c.outstanding.filter((d) => d !== item);
  if (c.outstanding.length > 0) {
    c.history.push({
      at: now,
      action: 'day-cleared',
      level: c.level,
      eventId,
      ...(outcome.eventType ? { eventType: outcome.eventType } : {}),
      note: outcome.note,
    });
    return { kind: 'day-cleared' };
  }
  const change = resolve(c, eventId, now, outcome.resolution, outcome.note);
  if (outcome.eventType) c.history[c.history.length - 1].eventType = outcome.eventType;
  return change;
}

/** A report for an outstanding day arrived; the last one resolves the case. */
export function clearDay(c: SupervisionCase, day: string, eventId: string, now: Date): CaseChange {
  return clearItem(c, day, eventId, now, { resolution: 'late-report-received', note: `late report for ${day}` });
}

/** An officer closes the case with what was done; a resolved case cannot be resolved again. */
export function resolveByOfficer(c: SupervisionCase, actionId: string, by: string, note: string, now: Date): CaseChange {
  if (c.status !== 'open') throw DomainError.conflict('CaseResolved', `case ${c.caseId} is already resolved (已办结)`);
  c.outstanding = [];
  const change = resolve(c, actionId, now, 'resolved-by-officer', note);
  c.history[c.history.length - 1].by = by;
  return change;
}

/** Case types that are suspicions (嫌疑): an officer confirms or dismisses them, no event clears them. */
export const SUSPICION_CASE_TYPES: readonly CaseType[] = ['report-inconsistent', 'reserves-unaccounted'];

/**
 * An officer's verdict on a suspicion: confirmed (the unit's own records hold; accountability
 * follows) or dismissed with the reason (e.g. the records were wrong, not the report).
 */
export function decideSuspicion(
  c: SupervisionCase,
  verdict: 'confirmed' | 'dismissed',
  actionId: string,
  by: string,
  note: string,
  now: Date,
): CaseChange {
  if (!SUSPICION_CASE_TYPES.includes(c.caseType)) {
    throw DomainError.conflict('NotASuspicion', `case ${c.caseId} is a ${c.caseType} case; only suspicions are confirmed or dismissed`, {
      caseType: c.caseType,
    });
  }
  if (c.status !== 'open') throw DomainError.conflict('CaseResolved', `case ${c.caseId} is already resolved (已办结)`);
  c.outstanding = [];
  const change = resolve(c, actionId, now, `suspicion-${verdict}`, note);
  c.history[c.history.length - 1].by = by;
  return change;
}

function resolve(c: SupervisionCase, eventId: string, now: Date, resolution: string, note: string): CaseChange {
  c.status = 'resolved';
  c.resolvedAt = now;
  c.resolvingEventId = eventId;
  c.resolution = resolution;
  c.nextEscalationAt = null;
  c.history.push({ at: now, action: 'resolved', level: c.level, eventId, note });
  return { kind: 'resolved', resolution, eventId };
}

/** Climbs one rung if the level's time is up; a resolved case never escalates. */
export function escalateIfDue(c: SupervisionCase, ladder: EscalationLadder, now: Date): CaseChange {
  if (c.status !== 'open') throw DomainError.conflict('CaseResolved', `case ${c.caseId} is resolved and cannot escalate`);
  if (!c.nextEscalationAt || c.nextEscalationAt.getTime() > now.getTime()) return { kind: 'none' };
  const next = rungAbove(ladder, c.level);
  if (!next) {
    c.nextEscalationAt = null;
    return { kind: 'none' };
  }
  const from = c.level;
  const heldFor = ladder.rungs.find((r) => r.level === from)?.minutesToResolve;
  const reason = `未在时限内处置 — not resolved at ${from} level within ${heldFor ?? '?'} minutes (${c.occurrences} signal(s), outstanding: ${c.outstanding.join(', ')})`;
  return climb(c, ladder, next.level, nextEscalationAt(next, c.nextEscalationAt), reason, now);
}

/** An officer sends the case up one rung at once, with the reason; a resolved case or the top rung → 409. */
export function escalateByOfficer(c: SupervisionCase, ladder: EscalationLadder, by: string, reason: string, now: Date): CaseChange {
  if (c.status !== 'open') throw DomainError.conflict('CaseResolved', `case ${c.caseId} is resolved and cannot escalate`);
  const next = rungAbove(ladder, c.level);
  if (!next) throw DomainError.conflict('TopOfLadder', `case ${c.caseId} is already at the top of its ladder (${c.level})`);
  const change = climb(c, ladder, next.level, nextEscalationAt(next, now), reason, now);
  c.history[c.history.length - 1].by = by;
  return change;
}

function climb(c: SupervisionCase, _ladder: EscalationLadder, to: CaseLevel, nextAt: Date | null, reason: string, now: Date): CaseChange {
  const from = c.level;
  c.level = to;
  c.nextEscalationAt = nextAt;
  if (c.reportedTo && c.reportedTo === to) c.reportedTo = null;
  c.history.push({ at: now, action: 'escalated', level: to, note: reason });
  return { kind: 'escalated', from, to, reason };
}

/** zh-CN labels of case types, levels, statuses and history actions. */
export const CASE_TYPE_LABELS: Record<CaseType, string> = {
  'report-missed': '漏报日报',
  'symptom-case': '机构出现症状病例（紧急）',
  'supply-shortage': '防疫物资储备不足',
  'vaccination-below-floor': '疫苗接种率低于底线',
  'staff-vaccination-not-cleared': '工作人员应种人员接种未按期清零',
  'visit-overdue': '重点人群走访逾期',
  'application-overdue': '救助申请超时（应救未救风险）',
  'equipment-unrepaired': '殡葬设备故障逾期未修复',
  'capacity-strained': '殡仪馆接运火化能力紧张',
  'disinfection-missed': '殡仪馆消杀未按时落实',
  'rectification-overdue': '整改逾期未销号',
  'directive-missed': '上级部署未按时落实',
  'report-inconsistent': '日报告与机构记录不符（瞒报漏报嫌疑）',
  'reserves-unaccounted': '物资储备减少无使用记录（挪用嫌疑）',
  'recheck-missed': '低保家庭定期核查逾期',
  'hotline-call-overdue': '热线来电超时未回应',
  'low-income-warning-overdue': '低收入人口预警逾期未入户核查（应救未救风险）',
  'self-inspection-missed': '举一反三自查自纠逾期未报',
  'child-placement-overdue': '无人监护儿童超时未安置',
};
export const CASE_LEVEL_LABELS: Record<CaseLevel, string> = {
  township: '乡镇（街道）',
  county: '县（市、区）',
  city: '市',
  province: '省',
};
export const CASE_STATUS_LABELS: Record<SupervisionCase['status'], string> = { open: '督办中', resolved: '已办结' };
export const CASE_ACTION_LABELS: Record<CaseHistoryEntry['action'], string> = {
  opened: '立案',
  occurrence: '再次发生',
  escalated: '升级督办',
  resolved: '办结',
  'day-cleared': '部分消除',
};
export const CASE_RESOLUTION_LABELS: Record<string, string> = {
  'late-report-received': '已补报',
  'resident-transferred': '已转运送医',
  'supply-restored': '物资已补足',
  'coverage-restored': '接种率已恢复',
  'staff-vaccination-cleared': '应种人员已接种清零',
  'visit-made': '已走访',
  'recheck-recorded': '已完成定期核查',
  'application-moved-on': '申请已办理',
  'hotline-call-answered': '来电已回应',
  'hotline-call-closed': '来电已关闭',
  'home-check-filed': '已入户核查',
  'child-placed': '儿童已安置',
  'child-placement-ended': '监护人已返家',
  'equipment-repaired': '设备已修复',
  'capacity-recovered': '能力已恢复',
  'signed-off': '整改已销号',
  'directive-step-filed': '已补报落实情况',
  'self-inspection-reported': '已补报自查自纠情况',
  'resolved-by-officer': '人工办结',
  'suspicion-confirmed': '经核实属实（转问责）',
  'suspicion-dismissed': '经核实不属实（已排除）',
};
