import { Injectable, OnModuleInit } from '@nestjs/common';
import { OutboxRelay } from '@civil/messaging';
import { AggregateStore, collectionOf, InjectDatabase, noEvents, Versioned } from '@civil/persistence';
import type { Collection, Document } from 'mongodb';
import type { Connection } from 'mongoose';
import { BED_SUBSIDY_UNIT_TYPES, InstitutionCopy } from '../domain/institution-copy';

/**
 * `institution_copies`: one document per unit, written through `store` (compare-and-set); no
 * outbox (a copy of another service's facts publishes nothing).
 */
@Injectable()
export class InstitutionCopyRepository implements OnModuleInit {
  static readonly COLLECTION = 'institution_copies';
  private readonly collection: Collection<Document>;
  /** Every write of a copy. */
  readonly store: AggregateStore<InstitutionCopy, 'unitId', never>;

  constructor(@InjectDatabase() connection: Connection, relay: OutboxRelay) {
    this.collection = collectionOf(connection, InstitutionCopyRepository.COLLECTION);
    this.store = new AggregateStore({
      collection: this.collection,
      idField: 'unitId',
      relay,
      events: noEvents,
      noun: 'copy of unit',
      registerWithRelay: false,
    });
  }

  async onModuleInit(): Promise<void> {
    await this.store.ensureIndexes();
  }

  get(unitId: string): Promise<Versioned<InstitutionCopy> | undefined> {
    return this.store.get(unitId);
  }

  /** Social-capital elderly homes (and day-care centres) inside a division: a scan, fine for a round. */
  async socialCapitalElderlyHomes(divisionCode: string): Promise<InstitutionCopy[]> {
    const docs = await this.collection
      .find(
        { operator: 'social-capital', unitType: { $in: [...BED_SUBSIDY_UNIT_TYPES] } },
        { projection: { appliedEvents: 0, outbox: 0, outboxLease: 0, writes: 0, version: 0 } },
      )
      .toArray();
    return docs
      .filter((d) => String(d.divisionCode).startsWith(divisionCode))
      .map(({ _id, ...rest }) => ({ ...rest, unitId: String(_id) }) as InstitutionCopy);
  }
}
