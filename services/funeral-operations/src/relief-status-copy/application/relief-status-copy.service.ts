import { Injectable } from '@nestjs/common';
import type { ReliefRegister, ReliefStatusChanged } from '@civil/contracts';
import { EventEnvelope } from '@civil/messaging';
import { applyStatus } from '../domain/relief-status';
import { ReliefStatusRepository } from '../infrastructure/relief-status.repository';

/** Keeps the copy of relief status from ReliefStatusChanged, and answers lookups by person key. */
@Injectable()
export class ReliefStatusCopyService {
  constructor(private readonly copies: ReliefStatusRepository) {}

  async changed(event: EventEnvelope<ReliefStatusChanged>): Promise<void> {
    const d = event.data;
    const incoming = {
      personKey: d.personKey,
      registers: [...d.registers],
      divisionCode: d.divisionCode,
      changedAt: new Date(d.changedAt),
    };
    await this.copies.store.upsert(d.personKey, (current) => {
      const next = applyStatus(current ?? null, incoming, `${event.source}#${event.id}`);
      return next ? { next, changes: [] } : undefined; // redelivered, or older than what we hold
    });
  }

  /** The person's current registers as this service knows them; null if never heard of. */
  async statusOf(personKey: string): Promise<{ registers: ReliefRegister[]; changedAt: Date } | null> {
    const copy = await this.copies.get(personKey);
    return copy ? { registers: copy.value.registers, changedAt: copy.value.changedAt } : null;
  }
}
