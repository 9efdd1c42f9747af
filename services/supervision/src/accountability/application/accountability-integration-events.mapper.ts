import { AccountabilityCaseOpenedV1, AccountabilityOutcomeDecidedV1 } from '@civil/contracts';
import { deterministicId } from '@civil/kernel';
import { Causation, OutboxEntry, outboxEntry } from '@civil/messaging';
import type { EventMapper } from '@civil/persistence';
import { AccountabilityCase } from '../domain/accountability-case';

/** What happened to an accountability case in one write; `causation`: the event that opened it, if any. */
export type AccountabilityChange = { type: 'opened'; causation?: Causation } | { type: 'decided' };

/** The accountability case's integration events, one per change (its store's mapper). */
export const accountabilityEvents: EventMapper<AccountabilityCase, AccountabilityChange> = (changes, c) =>
  changes.map((change) => (change.type === 'opened' ? accountabilityOpenedEvent(c, change.causation) : outcomeDecidedEvent(c)));

/** Ids derive from the case and the step, so a step written twice emits the same event. */
export function accountabilityOpenedEvent(c: AccountabilityCase, causation: Causation = {}): OutboxEntry {
  return outboxEntry(
    AccountabilityCaseOpenedV1,
    {
      accountabilityCaseId: c.accountabilityCaseId,
      trigger: c.trigger,
      subject: c.subject,
      evidenceEventIds: c.evidence.map((e) => e.eventId),
      sourceCaseId: c.sourceCaseId,
      divisionCode: c.divisionCode,
      openedAt: c.openedAt.toISOString(),
    },
    { ...causation, time: c.openedAt, id: deterministicId(c.accountabilityCaseId, 'opened') },
  );
}

export function outcomeDecidedEvent(c: AccountabilityCase): OutboxEntry {
  const decidedAt = c.decidedAt ?? new Date(0);
  return outboxEntry(
    AccountabilityOutcomeDecidedV1,
    {
      accountabilityCaseId: c.accountabilityCaseId,
      trigger: c.trigger,
      subject: c.subject,
      outcome: c.outcome!,
      divisionCode: c.divisionCode,
      decidedAt: decidedAt.toISOString(),
    },
    { time: decidedAt, id: deterministicId(c.accountabilityCaseId, 'decided') },
  );
}
