import { DirectiveIssuedV1, DirectiveStep, DirectiveStepFiledV1, DirectiveStepMissedV1 } from '@civil/contracts';
import { deterministicId } from '@civil/kernel';
import { OutboxEntry, outboxEntry } from '@civil/messaging';
import type { EventMapper } from '@civil/persistence';
import { Directive, DirectiveStepRecord, targetOf } from '../domain/directive';

/** What happened to a directive in one write, with what its events need beyond the directive itself. */
export type DirectiveChange =
  | { type: 'issued' }
  /** A target filed a step (its record, with the filing time, is in the directive). */
  | { type: 'step-filed'; divisionCode: string; step: DirectiveStep }
  /** The sweep found a step's due day over unfiled; `correlationId`: the sweep run's. */
  | { type: 'step-missed'; divisionCode: string; step: DirectiveStep; dueDate: string; at: Date; correlationId: string };

/** The directive's integration events, one per change (its store's mapper). */
export const directiveEvents: EventMapper<Directive, DirectiveChange> = (changes, d) =>
  changes.map((c) => {
    switch (c.type) {
      case 'issued':
        return directiveIssuedEvent(d);
      case 'step-filed':
        return stepFiledEvent(d, c.divisionCode, c.step, targetOf(d, c.divisionCode).steps[c.step]);
      case 'step-missed':
        return stepMissedEvent(d, c, c.at, c.correlationId);
    }
  });

/** Ids derive from directive, target and step: each fact is published once, whoever writes it. */
export function directiveIssuedEvent(d: Directive): OutboxEntry {
  return outboxEntry(
    DirectiveIssuedV1,
    {
      directiveId: d.directiveId,
      title: d.title,
      issuedBy: d.issuedBy,
      divisionCode: d.divisionCode,
      receivedOn: d.receivedOn,
      targets: d.targets.map((t) => t.divisionCode),
      issuedAt: d.issuedAt.toISOString(),
    },
    { time: d.issuedAt, id: deterministicId(DirectiveIssuedV1.type, d.directiveId) },
  );
}

export function stepFiledEvent(d: Directive, divisionCode: string, step: DirectiveStep, record: DirectiveStepRecord): OutboxEntry {
  const filedAt = record.filedAt!;
  return outboxEntry(
    DirectiveStepFiledV1,
    { directiveId: d.directiveId, divisionCode, step, dueDate: record.dueDate, filedAt: filedAt.toISOString(), late: !!record.late },
    { time: filedAt, id: deterministicId(DirectiveStepFiledV1.type, d.directiveId, divisionCode, step) },
  );
}

export function stepMissedEvent(
  d: Directive,
  missed: { divisionCode: string; step: DirectiveStep; dueDate: string },
  now: Date,
  correlationId: string,
): OutboxEntry {
  return outboxEntry(
    DirectiveStepMissedV1,
    {
      directiveId: d.directiveId,
      divisionCode: missed.divisionCode,
      step: missed.step,
      dueDate: missed.dueDate,
      detectedAt: now.toISOString(),
    },
    { time: now, id: deterministicId(DirectiveStepMissedV1.type, d.directiveId, missed.divisionCode, missed.step), correlationId },
  );
}
