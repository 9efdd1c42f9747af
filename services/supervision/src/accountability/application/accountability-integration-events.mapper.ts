import { AccountabilityCaseOpenedV1, AccountabilityOutcomeDecidedV1 } from '@civil/contracts';
import { deterministicId } from '@civil/kernel';
import { Causation, OutboxEntry, outboxEntry } from '@civil/messaging';
import { AccountabilityCase } from '../domain/accountability-case';

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
