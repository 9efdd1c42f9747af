import {
  RectificationEvidenceSubmittedV1,
  RectificationIssueOpenedV1,
  RectificationIssueOverdueV1,
  RectificationIssueRef,
  RectificationIssueReopenedV1,
  RectificationIssueSignedOffV1,
  RectificationRevisitedV1,
} from '@civil/contracts';
import { deterministicId } from '@civil/kernel';
import { Causation, outboxEntry, OutboxEntry } from '@civil/messaging';
import type { EventMapper } from '@civil/persistence';
import { Evidence, RectificationIssue, Revisit } from '../domain/rectification-issue';

/** What happened to an issue in one write, with what its events need beyond the issue itself. */
export type IssueChange =
  | { type: 'opened'; at: Date; causation?: Causation }
  | { type: 'evidence-submitted'; at: Date; evidence: Evidence }
  | { type: 'revisited'; at: Date; revisit: Revisit }
  | { type: 'signed-off'; at: Date }
  /** The overdue sweep found the issue past its due day (once per due day). */
  | { type: 'overdue'; at: Date };

/** The issue's integration events, of every change (its store's mapper). */
export const issueEvents: EventMapper<RectificationIssue, IssueChange> = (changes, issue) =>
  changes.flatMap((c) => {
    switch (c.type) {
      case 'opened':
        return openedEvents(issue, c.at, c.causation);
      case 'evidence-submitted':
        return evidenceEvents(issue, c.evidence, c.at);
      case 'revisited':
        return revisitEvents(issue, c.revisit, c.at);
      case 'signed-off':
        return signedOffEvents(issue, c.at);
      case 'overdue':
        return overdueEvents(issue, c.at);
    }
  });

/**
 * The public events of each step. Ids derive from the issue and the step's sequence number, so a
 * retried write queues the same events. No personal data: account ids, evidence text and
 * attachment refs stay in the issue.
 */
function ref(issue: RectificationIssue): RectificationIssueRef {
  return { issueId: issue.issueId, unitId: issue.unitId, divisionCode: issue.divisionCode };
}

export function openedEvents(issue: RectificationIssue, now: Date, causation: Causation = {}): OutboxEntry[] {
  return [
    outboxEntry(
      RectificationIssueOpenedV1,
      {
        ...ref(issue),
        summary: issue.summary,
        dueDate: issue.dueDate,
        openedAt: issue.openedAt.toISOString(),
        severity: issue.severity,
        ...(issue.inspectionId ? { inspectionId: issue.inspectionId } : {}),
        ...(issue.findingId ? { findingId: issue.findingId } : {}),
        noticeTo: issue.responsibleHead,
      },
      { id: deterministicId(RectificationIssueOpenedV1.type, issue.issueId), time: now, ...causation },
    ),
  ];
}

export function evidenceEvents(issue: RectificationIssue, evidence: Evidence, now: Date, causation: Causation = {}): OutboxEntry[] {
  return [
    outboxEntry(
      RectificationEvidenceSubmittedV1,
      {
        ...ref(issue),
        evidenceNo: evidence.evidenceNo,
        attachmentCount: evidence.attachments.length,
        submittedAt: evidence.submittedAt.toISOString(),
      },
      { id: deterministicId(RectificationEvidenceSubmittedV1.type, issue.issueId, String(evidence.evidenceNo)), time: now, ...causation },
    ),
  ];
}

/** A revisit, and for one not accepted the reopening with its new due day, in that order. */
export function revisitEvents(issue: RectificationIssue, revisit: Revisit, now: Date, causation: Causation = {}): OutboxEntry[] {
  const no = String(revisit.revisitNo);
  const events = [
    outboxEntry(
      RectificationRevisitedV1,
      {
        ...ref(issue),
        revisitNo: revisit.revisitNo,
        result: revisit.result,
        ...(revisit.reason ? { reason: revisit.reason } : {}),
        revisitedAt: revisit.revisitedAt.toISOString(),
      },
      { id: deterministicId(RectificationRevisitedV1.type, issue.issueId, no), time: now, ...causation },
    ),
  ];
  if (revisit.result === 'not-accepted') {
    events.push(
      outboxEntry(
        RectificationIssueReopenedV1,
        { ...ref(issue), reason: revisit.reason!, dueDate: issue.dueDate, reopenedAt: revisit.revisitedAt.toISOString() },
        { id: deterministicId(RectificationIssueReopenedV1.type, issue.issueId, no), time: now, ...causation },
      ),
    );
  }
  return events;
}

export function signedOffEvents(issue: RectificationIssue, now: Date, causation: Causation = {}): OutboxEntry[] {
  return [
    outboxEntry(
      RectificationIssueSignedOffV1,
      { ...ref(issue), signedOffAt: issue.signedOffAt!.toISOString() },
      { id: deterministicId(RectificationIssueSignedOffV1.type, issue.issueId), time: now, ...causation },
    ),
  ];
}

/** Once per issue and due day: the id derives from both, whichever sweep or replica finds it. */
export function overdueEvents(issue: RectificationIssue, now: Date): OutboxEntry[] {
  const id = deterministicId(RectificationIssueOverdueV1.type, issue.issueId, issue.dueDate);
  return [
    outboxEntry(
      RectificationIssueOverdueV1,
      { ...ref(issue), dueDate: issue.dueDate, detectedAt: now.toISOString(), severity: issue.severity, summary: issue.summary },
      { id, time: now, correlationId: deterministicId('rectification-overdue', issue.issueId) },
    ),
  ];
}
