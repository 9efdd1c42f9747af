import type { CaseLevel } from '@civil/contracts';
import { dedupeEvidence, EvidenceLink } from './accountability-case';

/** What accountability reads of a supervision case: its steps with the events behind them. */
export interface CaseRecord {
  triggeringEventId: string;
  openedAt: Date;
  history: { at: Date; action: string; level: CaseLevel; eventId?: string; eventType?: string }[];
}

/**
 * The chain behind an escalated case, oldest first: every signal the case recorded (the one that
 * opened it, each further occurrence, each clearing) and the escalation that reached the rule's
 * level, each with its event type (null for steps recorded before cases kept types).
 */
export function evidenceOfCase(
  record: CaseRecord | undefined,
  escalation: { eventId: string; type: string; time: string; toLevel: CaseLevel },
): EvidenceLink[] {
  const links: EvidenceLink[] = [];
  if (record) {
    const fromHistory = record.history
      .filter((h) => h.eventId)
      .map((h) => ({
        eventId: h.eventId!,
        type: h.eventType ?? null,
        time: new Date(h.at).toISOString(),
        note: `${h.action} at ${h.level}`,
      }));
    if (!fromHistory.some((l) => l.eventId === record.triggeringEventId)) {
      links.push({ eventId: record.triggeringEventId, type: null, time: new Date(record.openedAt).toISOString(), note: 'opened' });
    }
    links.push(...fromHistory);
  }
  links.push({ eventId: escalation.eventId, type: escalation.type, time: escalation.time, note: `escalated to ${escalation.toLevel}` });
  return dedupeEvidence(links);
}
