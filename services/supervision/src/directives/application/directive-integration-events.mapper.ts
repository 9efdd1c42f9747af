import { DirectiveIssuedV1, DirectiveStep, DirectiveStepFiledV1, DirectiveStepMissedV1 } from '@civil/contracts';
import { deterministicId } from '@civil/kernel';
import { OutboxEntry, outboxEntry } from '@civil/messaging';
import { Directive, DirectiveStepRecord } from '../domain/directive';

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
