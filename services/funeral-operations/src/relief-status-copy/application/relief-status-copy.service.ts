import { Injectable } from '@nestjs/common';
import type { ReliefRegister, ReliefStatusChanged } from '@civil/contracts';
import { EventEnvelope } from '@civil/messaging';
import { applyStatus } from '../domain/relief-status';
import { ReliefStatusRepository } from '../infrastructure/relief-status.repository';

const CAS_ATTEMPTS = 8;

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
    for (let attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
      const current = await this.copies.get(d.personKey);
      const next = applyStatus(current?.value ?? null, incoming, `${event.source}#${event.id}`);
      if (!next) return; // redelivered, or older than what we hold
      if (current ? await this.copies.save(current.version, next) : await this.copies.insert(next)) return;
    }
    throw Object.assign(new Error('relief status kept changing; will retry'), { transient: true });
  }

  /** The person's current registers as this service knows them; null if never heard of. */
  async statusOf(personKey: string): Promise<{ registers: ReliefRegister[]; changedAt: Date } | null> {
    const copy = await this.copies.get(personKey);
    return copy ? { registers: copy.value.registers, changedAt: copy.value.changedAt } : null;
  }
}
