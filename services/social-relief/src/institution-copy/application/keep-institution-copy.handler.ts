import { Injectable } from '@nestjs/common';
import type { InstitutionRegistered, InstitutionUpdated } from '@civil/contracts';
import type { EventEnvelope } from '@civil/messaging';
import { eventKey, fromRegistered, fromUpdated, InstitutionCopy } from '../domain/institution-copy';
import { InstitutionCopyRepository } from '../infrastructure/institution-copy.repository';

/**
 * Keeps social relief's copy of each unit from institution-monitoring's events. A redelivered
 * event is a no-op (its id is remembered on the copy in the same write); an update older than the
 * copy (lower registryVersion) is ignored.
 */
@Injectable()
export class KeepInstitutionCopyHandler {
  constructor(private readonly copies: InstitutionCopyRepository) {}

  registered(event: EventEnvelope<InstitutionRegistered>): Promise<void> {
    return this.apply(event.data.unitId, (current) => fromRegistered(current, event.data, eventKey(event.source, event.id)));
  }

  updated(event: EventEnvelope<InstitutionUpdated>): Promise<void> {
    return this.apply(event.data.unitId, (current) => fromUpdated(current, event.data, eventKey(event.source, event.id)));
  }

  /** Creates the copy or changes it (a lost race is decided again inside the store; one that keeps losing is retried by the consumer). */
  private async apply(unitId: string, change: (current: InstitutionCopy | undefined) => InstitutionCopy | undefined): Promise<void> {
    await this.copies.store.upsert(unitId, (current) => {
      const next = change(current);
      return next ? { next, changes: [] } : undefined;
    });
  }
}
