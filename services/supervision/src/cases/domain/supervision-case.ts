import { DomainError } from '@civil/kernel';
import type { CaseLevel, CaseType } from '@civil/contracts';
import { EscalationLadder, firstRung, nextEscalationAt, rungAbove } from '../../escalation-ladders/domain/escalation-ladder';

/**
 * A signal-driven supervision case (督办案件). One open case per subject and type: a unit that
 * keeps missing reports has one case counting its misses, not a pile. Each missed day stays
 * outstanding until that day's report arrives; when none is outstanding the case is resolved.
 */
export interface CaseHistoryEntry {
  at: Date;
  action: 'opened' | 'occurrence' | 'escalated' | 'resolved' | 'day-cleared';
  level: CaseLevel;
  /** ce_id of the event behind the step, for the evidence chain. */
  eventId?: string;
  note?: string;
}

export interface SupervisionCase {
  caseId: string;
  caseType: CaseType;
  subjectId: string;
  divisionCode: string;
  divisionAncestors: string[];
  status: 'open' | 'resolved';
  level: CaseLevel;
  openedAt: Date;
  nextEscalationAt: Date | null;
  occurrences: number;
  /** Days still without a report. */
  outstanding: string[];
  triggeringEventId: string;
  resolvedAt?: Date;
  resolvingEventId?: string;
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

export function openCase(
  input: { caseId: string; caseType: CaseType; subjectId: string; divisionCode: string; divisionAncestors: string[]; day: string; eventId: string },
  ladder: EscalationLadder,
  now: Date,
): SupervisionCase {
  const rung = firstRung(ladder);
  return {
    caseId: input.caseId,
    caseType: input.caseType,
    subjectId: input.subjectId,
    divisionCode: input.divisionCode,
    divisionAncestors: input.divisionAncestors,
    status: 'open',
    level: rung.level,
    openedAt: now,
    nextEscalationAt: nextEscalationAt(rung, now),
    occurrences: 1,
    outstanding: [input.day],
    triggeringEventId: input.eventId,
    history: [{ at: now, action: 'opened', level: rung.level, eventId: input.eventId, note: `no report for ${input.day}` }],
  };
}

/** Another miss on an open case: counted, the ladder keeps its pace. */
export function recordOccurrence(c: SupervisionCase, day: string, eventId: string, now: Date): CaseChange {
  if (c.status !== 'open') throw DomainError.conflict('CaseResolved', `case ${c.caseId} is resolved`);
  if (c.outstanding.includes(day)) return { kind: 'none' };
  c.occurrences += 1;
  c.outstanding.push(day);
  c.history.push({ at: now, action: 'occurrence', level: c.level, eventId, note: `no report for ${day}` });
  return { kind: 'occurrence' };
}

/** A report for an outstanding day arrived; the last one resolves the case. */
export function clearDay(c: SupervisionCase, day: string, eventId: string, now: Date): CaseChange {
  if (c.status !== 'open' || !c.outstanding.includes(day)) return { kind: 'none' };
  c.outstanding = c.outstanding.filter((d) => d !== day);
  if (c.outstanding.length > 0) {
    c.history.push({ at: now, action: 'day-cleared', level: c.level, eventId, note: `late report for ${day}` });
    return { kind: 'day-cleared' };
  }
  c.status = 'resolved';
  c.resolvedAt = now;
  c.resolvingEventId = eventId;
  c.nextEscalationAt = null;
  c.history.push({ at: now, action: 'resolved', level: c.level, eventId, note: `late report for ${day}` });
  return { kind: 'resolved', resolution: 'late-report-received', eventId };
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
  const reason = `未在时限内处置 — not resolved at ${from} level within ${heldFor ?? '?'} minutes (${c.occurrences} missed report(s) outstanding: ${c.outstanding.join(', ')})`;
  c.level = next.level;
  c.nextEscalationAt = nextEscalationAt(next, c.nextEscalationAt);
  c.history.push({ at: now, action: 'escalated', level: next.level, note: reason });
  return { kind: 'escalated', from, to: next.level, reason };
}
