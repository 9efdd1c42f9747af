import type { AccountabilityOutcome, AccountabilitySubject, AccountabilityTrigger } from '@civil/contracts';
import { DomainError, divisionLevel } from '@civil/kernel';

/**
 * An accountability case (问责): a unit, township, division office or post (a title, never a
 * person) held to account for a trigger, with the chain of events that shows it. A discipline
 * officer decides it once: talk (约谈), public criticism (通报批评), referral (移送纪检监察), or
 * no accountability (不予问责) with a reason. A decision is final: deciding again is a conflict.
 */
export type AccountabilityStatus = 'opened' | 'decided' | 'dismissed';

export const ACCOUNTABILITY_STATUSES: readonly AccountabilityStatus[] = ['opened', 'decided', 'dismissed'];

/** One link of the evidence chain: a CloudEvents ce_id, with its type and time when known. */
export interface EvidenceLink {
  eventId: string;
  type: string | null;
  time: string | null;
  /** What the event was to the case (e.g. opened, occurrence, escalated to city). */
  note?: string;
}

export interface AccountabilityCase {
  accountabilityCaseId: string;
  trigger: AccountabilityTrigger;
  subject: AccountabilitySubject;
  /** Division of the subject: jurisdictions at and above it see the case. */
  divisionCode: string;
  divisionAncestors: string[];
  evidence: EvidenceLink[];
  /** The supervision case whose escalation opened it; null when opened by hand. */
  sourceCaseId: string | null;
  status: AccountabilityStatus;
  /** What happened, in the opener's words; no personal data. */
  summary: string | null;
  openedAt: Date;
  /** `system` when opened from an escalation, else the caller's subject claim. */
  openedBy: string;
  outcome: AccountabilityOutcome | null;
  /** Why no accountability (required when dismissed) or what the decision rests on. */
  reason: string | null;
  decidedAt: Date | null;
  decidedBy: string | null;
}

export interface AccountabilityOpening {
  accountabilityCaseId: string;
  trigger: AccountabilityTrigger;
  subject: AccountabilitySubject;
  evidence: EvidenceLink[];
  sourceCaseId: string | null;
  summary?: string | null;
  openedBy: string;
}

export function openAccountabilityCase(input: AccountabilityOpening, divisionAncestors: string[], now: Date): AccountabilityCase {
  if (!input.evidence.length && !input.sourceCaseId) {
    throw DomainError.invalid('EvidenceRequired', 'an accountability case needs at least one evidence event id', { field: 'evidence' });
  }
  return {
    accountabilityCaseId: input.accountabilityCaseId,
    trigger: input.trigger,
    subject: input.subject,
    divisionCode: input.subject.divisionCode,
    divisionAncestors,
    evidence: dedupeEvidence(input.evidence),
    sourceCaseId: input.sourceCaseId,
    status: 'opened',
    summary: input.summary ?? null,
    openedAt: now,
    openedBy: input.openedBy,
    outcome: null,
    reason: null,
    decidedAt: null,
    decidedBy: null,
  };
}

const PHONE_OR_ID = /\d{11,}|\d{17}[\dXx]/;

/**
 * A subject names an office or a post, never a person: a township is its 9-digit code, a division
 * its code, a unit its id, a post its title (院长, 站长) — no names, phone or ID numbers.
 */
export function checkSubject(subject: AccountabilitySubject): void {
  const wrong = (message: string) => DomainError.invalid('InvalidSubject', message, { field: 'subject.id' });
  if (subject.kind === 'township' && (subject.id !== subject.divisionCode || divisionLevel(subject.divisionCode) !== 'township')) {
    throw wrong('a township subject is its 9-digit division code, the same as subject.divisionCode');
  }
  if (subject.kind === 'division' && subject.id !== subject.divisionCode)
    throw wrong('a division subject is its division code, the same as subject.divisionCode');
  if (subject.kind === 'role' && PHONE_OR_ID.test(subject.id))
    throw wrong('a post subject is a title (e.g. 院长), never a phone or ID number');
}

/** The one decision a case gets; dismissal needs a reason a reviewer can read. */
export function decideOutcome(
  c: AccountabilityCase,
  decision: { outcome: AccountabilityOutcome; reason?: string | null },
  by: string,
  now: Date,
): AccountabilityCase {
  if (c.status !== 'opened') {
    throw DomainError.conflict(
      'AlreadyDecided',
      `accountability case ${c.accountabilityCaseId} is already ${c.status} (${c.outcome}); a decision is final (已决定，不可重复决定)`,
      {
        status: c.status,
        outcome: c.outcome,
      },
    );
  }
  const reason = decision.reason?.trim() || null;
  if (decision.outcome === 'dismissed' && !reason) {
    throw DomainError.invalid('ReasonRequired', 'a dismissal (不予问责) needs a reason', { field: 'reason' });
  }
  return {
    ...c,
    status: decision.outcome === 'dismissed' ? 'dismissed' : 'decided',
    outcome: decision.outcome,
    reason,
    decidedAt: now,
    decidedBy: by,
  };
}

/** First mention of an event wins; the chain keeps its order. */
export function dedupeEvidence(links: EvidenceLink[]): EvidenceLink[] {
  const seen = new Set<string>();
  return links.filter((l) => (seen.has(l.eventId) ? false : (seen.add(l.eventId), true)));
}

/**
 * Whether an officer is the subject of the case: a township or division's own officers (those
 * acting for exactly that division) learn of an inquiry about it only once it is decided.
 */
export function isSubjectOfficer(c: Pick<AccountabilityCase, 'subject'>, jurisdiction: string): boolean {
  return (c.subject.kind === 'township' || c.subject.kind === 'division') && c.subject.id === jurisdiction;
}

/** Unit staff learn of a case about their own unit only once it is decided: an inquiry in progress is not disclosed to its subject. */
export function visibleToUnit(c: Pick<AccountabilityCase, 'status' | 'subject'>, unitId: string | undefined): boolean {
  return !!unitId && c.status !== 'opened' && c.subject.kind === 'unit' && c.subject.id === unitId;
}
