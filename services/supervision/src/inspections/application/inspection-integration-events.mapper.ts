import { InspectionCompletedV1, InspectionRef, InspectionScheduledV1, InspectionStartedV1 } from '@civil/contracts';
import { deterministicId } from '@civil/kernel';
import { Causation, outboxEntry, OutboxEntry } from '@civil/messaging';
import type { EventMapper } from '@civil/persistence';
import { checklistCounts, findingsBySeverity, Inspection } from '../domain/inspection';
import { mostSevere } from '../domain/severity-grid';

/**
 * What happened to an inspection in one write, with what its events need beyond the inspection
 * itself. Checklist results, findings and the issues recorded for findings publish nothing.
 */
export type InspectionChange =
  /** Scheduled by a round or a data rule. */
  | { type: 'scheduled'; at: Date; causation?: Causation }
  /** The team arrived (or the unit began its self-inspection). */
  | { type: 'started'; at: Date }
  | { type: 'completed'; at: Date };

/** The inspection's integration events, of every change (its store's mapper). */
export const inspectionEvents: EventMapper<Inspection, InspectionChange> = (changes, i, previous) =>
  changes.flatMap((c) => {
    switch (c.type) {
      case 'scheduled':
        // an unannounced or covert visit is published only when it starts
        return i.schedulePublished ? [inspectionScheduledEvent(i, c.at, c.causation)] : [];
      case 'started':
        return inspectionStartedEvents(previous ?? i, i, c.at);
      case 'completed':
        return [inspectionCompletedEvent(i, c.at)];
    }
  });

function ref(i: Inspection): InspectionRef {
  return {
    inspectionId: i.inspectionId,
    planId: i.planId,
    unitId: i.unitId,
    unitType: i.unitType,
    divisionCode: i.divisionCode,
    mode: i.mode,
    teamId: i.teamId,
  };
}

// event ids derive from the inspection, so a retried write queues the same event once
const idOf = (type: string, i: Inspection) => deterministicId(type, i.inspectionId);

export function inspectionScheduledEvent(i: Inspection, now: Date, causation: Causation = {}): OutboxEntry {
  return outboxEntry(
    InspectionScheduledV1,
    { ...ref(i), scheduledDate: i.scheduledDate, trigger: i.trigger, scheduledAt: i.scheduledAt.toISOString() },
    { id: idOf(InspectionScheduledV1.type, i), time: now, ...causation },
  );
}

/**
 * The events of a start. An unannounced or covert inspection was never published when scheduled:
 * its InspectionScheduled goes out now, just before InspectionStarted, so no consumer learnt of
 * the visit before the team arrived.
 */
export function inspectionStartedEvents(before: Inspection, started: Inspection, now: Date, causation: Causation = {}): OutboxEntry[] {
  const events: OutboxEntry[] = [];
  if (!before.schedulePublished) events.push(inspectionScheduledEvent(started, now, causation));
  events.push(
    outboxEntry(
      InspectionStartedV1,
      { ...ref(started), startedAt: (started.startedAt ?? now).toISOString() },
      { id: idOf(InspectionStartedV1.type, started), time: now, ...causation },
    ),
  );
  return events;
}

export function inspectionCompletedEvent(i: Inspection, now: Date, causation: Causation = {}): OutboxEntry {
  const counts = checklistCounts(i);
  return outboxEntry(
    InspectionCompletedV1,
    {
      ...ref(i),
      checklistItems: counts.items,
      checklistPassed: counts.passed,
      checklistFailed: counts.failed,
      checklistNotChecked: counts.notChecked,
      findings: i.findings.length,
      findingsBySeverity: findingsBySeverity(i.findings),
      highestSeverity: mostSevere(i.findings.map((f) => f.letter)),
      completedAt: (i.completedAt ?? now).toISOString(),
    },
    { id: idOf(InspectionCompletedV1.type, i), time: now, ...causation },
  );
}
