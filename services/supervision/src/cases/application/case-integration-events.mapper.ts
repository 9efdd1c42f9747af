import { CaseEscalatedV1, CaseOpenedV1, CaseResolvedV1 } from '@civil/contracts';
import { deterministicId } from '@civil/kernel';
import { Causation, OutboxEntry, outboxEntry } from '@civil/messaging';
import type { EventMapper } from '@civil/persistence';
import { CaseChange, SupervisionCase } from '../domain/supervision-case';

/**
 * What happened to a case in one write: the domain step, when, and the flow it belongs to. A write
 * that applies several signals in turn keeps the case as each step left it (`state`), so each
 * event says what that step saw.
 */
export type CaseStep = CaseChange & { at: Date; causation?: Causation; state?: SupervisionCase };

/** The case's integration events, one mapper for every write of a case (its store's). */
export const caseEvents: EventMapper<SupervisionCase, CaseStep> = (steps, c) =>
  steps.flatMap((step) => caseIntegrationEvents(step.state ?? c, step, step.at, step.causation));

/**
 * Maps what happened to a case (domain) to the public events consumers read (integration).
 * Ids derive from the case and the step, so a step taken twice emits the same event.
 */
export function caseIntegrationEvents(c: SupervisionCase, change: CaseChange, now: Date, causation: Causation = {}): OutboxEntry[] {
  const base = { caseId: c.caseId, caseType: c.caseType, subjectId: c.subjectId, divisionCode: c.divisionCode };
  const options = (step: string) => ({ ...causation, time: now, id: deterministicId(c.caseId, step) });
  switch (change.kind) {
    case 'opened':
      return [
        outboxEntry(
          CaseOpenedV1,
          {
            ...base,
            level: c.level,
            openedAt: c.openedAt.toISOString(),
            triggeringEventId: c.triggeringEventId,
            nextEscalationAt: c.nextEscalationAt?.toISOString() ?? null,
            reportedTo: c.reportedTo ?? null,
            unitId: c.unitId ?? null,
            summary: c.history[0]?.note?.slice(0, 500),
          },
          options('opened'),
        ),
      ];
    case 'escalated':
      return [
        outboxEntry(
          CaseEscalatedV1,
          {
            ...base,
            fromLevel: change.from,
            toLevel: change.to,
            reason: change.reason,
            escalatedAt: now.toISOString(),
            occurrences: c.occurrences,
            nextEscalationAt: c.nextEscalationAt?.toISOString() ?? null,
          },
          options(`escalated:${change.to}`),
        ),
      ];
    case 'resolved':
      return [
        outboxEntry(
          CaseResolvedV1,
          {
            ...base,
            level: c.level,
            resolvedAt: now.toISOString(),
            resolution: change.resolution,
            resolvingEventId: change.eventId,
            ...(change.resolution === 'resolved-by-officer' || change.resolution.startsWith('suspicion-')
              ? { note: c.history.at(-1)?.note }
              : {}),
          },
          options('resolved'),
        ),
      ];
    default:
      return [];
  }
}
